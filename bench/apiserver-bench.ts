// Issue #2 figures: in-process cluster ready time, `kubelab cluster up` as a whole, kubectl wall
// time against the embedded cluster vs `kubectl version --client`, SSAR throughput over
// keep-alive HTTPS with 50 clients, and RSS per idle cluster.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster/embedded/cluster.js';
import { allKubectls, ensureKubectl } from '../cluster/tools/kubectl.js';
import type { KubeVersion } from '../cluster/versions.js';
import { runLoad } from './load.js';
import { median, percentile, type BenchResult } from './stats.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
let seq = 0;

function start(version: KubeVersion = '1.33'): Promise<EmbeddedCluster> {
  seq += 1;
  return startEmbeddedCluster({ spec: { name: `bench${seq}`, version }, dataDir });
}

export async function clusterReadyTime(runs = 20): Promise<BenchResult[]> {
  await (await start()).delete(); // warm-up: module loading and JIT are not cluster start-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = await start();
    times.push(performance.now() - t);
    await c.delete();
  }
  const sorted = times.sort((a, b) => a - b);
  const med = median(sorted);
  return [
    { name: 'cluster ready, in-process (median)', value: med, unit: 'ms', target: '<= 100 ms', ok: med <= 100, detail: `${runs} runs, p90 ${percentile(sorted, 90).toFixed(1)} ms` },
  ];
}

export async function clusterUpCommand(runs = 5): Promise<BenchResult[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const child = spawn(process.execPath, ['bin/kubelab.js', 'cluster', 'up', '--json', '--name', `benchup${i}`, '--version', '1.33', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`cluster up exited with ${code}`)));
    });
    times.push(performance.now() - t);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  const med = median(times);
  return [{ name: '`kubelab cluster up` to ready line (median)', value: med, unit: 'ms', detail: `${runs} runs, includes Node start-up` }];
}

export async function kubectlWallTime(runs = 10): Promise<BenchResult[]> {
  // The Google Cloud SDK's kubectl is a dispatcher that asks the server's /version and then runs
  // a second binary; time a real kubectl so the ratio measures our server, not the wrapper.
  const real = (await allKubectls(dataDir)).filter((k) => !k.gitVersion.includes('dispatcher')).at(-1);
  const kubectl = real ?? (await ensureKubectl(dataDir));
  const cluster = await start();
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-cache-'));
  const args = ['--kubeconfig', cluster.kubeconfigPath, '--cache-dir', cacheDir];
  await run(kubectl.path, [...args, 'get', 'clusterroles']); // fills kubectl's discovery cache, as in daily use
  const time = async (argv: string[]) => {
    const t = performance.now();
    await run(kubectl.path, argv);
    return performance.now() - t;
  };
  const get: number[] = [];
  const client: number[] = [];
  for (let i = 0; i < runs; i++) {
    get.push(await time([...args, 'get', 'clusterroles']));
    client.push(await time(['version', '--client']));
  }
  await cluster.delete();
  const ratio = median(get) / median(client);
  return [
    { name: 'kubectl get clusterroles (median)', value: median(get), unit: 'ms', detail: `${kubectl.gitVersion}, warm discovery cache` },
    { name: 'kubectl version --client (median)', value: median(client), unit: 'ms' },
    { name: 'ratio get clusterroles / version --client', value: ratio, unit: 'x', target: '<= 1.2', ok: ratio <= 1.2 },
  ];
}

/** The admin client certificate and CA of a cluster's kubeconfig, for raw HTTPS clients. */
function adminTls(cluster: EmbeddedCluster): { ca: string; cert: string; key: string } {
  const kubeconfig = parse(readFileSync(cluster.kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { 'certificate-authority-data': string } }[];
    users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
  };
  const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  return {
    ca: b64(kubeconfig.clusters[0]!.cluster['certificate-authority-data']),
    cert: b64(kubeconfig.users[0]!.user['client-certificate-data']),
    key: b64(kubeconfig.users[0]!.user['client-key-data']),
  };
}

export async function ssarThroughput(seconds = 5, clients = 50): Promise<BenchResult[]> {
  const cluster = await start();
  const body = JSON.stringify({
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: { resourceAttributes: { verb: 'get', resource: 'nodes', subresource: 'proxy', name: `${cluster.spec.name}-control-plane` } },
  });
  const summary = await runLoad({
    url: `${cluster.server}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', 'Impersonate-User': 'system:serviceaccount:default:default' },
    tls: adminTls(cluster),
    clients,
    seconds,
    expectStatus: 201,
  });
  await cluster.delete();
  return [
    { name: `SSAR throughput, ${clients} keep-alive clients`, value: summary.perSecond, unit: 'req/s', target: '>= 5000', ok: summary.perSecond >= 5000, detail: `${summary.requests} ok, ${summary.errors} errors, impersonating a ServiceAccount` },
    { name: 'SSAR latency p99', value: summary.p99, unit: 'ms', target: '<= 5 ms', ok: summary.p99 <= 5, detail: `p50 ${summary.p50.toFixed(2)} ms` },
  ];
}

export async function rssPerIdleCluster(count = 10): Promise<BenchResult[]> {
  // A fresh process, so the figure is not hidden by heap the other benchmarks already grew.
  const probe = new URL('./rss-probe.js', import.meta.url).pathname;
  const { stdout } = await run(process.execPath, ['--expose-gc', probe, String(count)], { timeout: 120_000 });
  const r = JSON.parse(stdout) as { rssPerClusterBytes: number; heapPerClusterBytes: number };
  const mb = (b: number) => b / (1024 * 1024);
  return [
    {
      name: 'RSS per idle cluster',
      value: mb(r.rssPerClusterBytes),
      unit: 'MB',
      target: '<= 15 MB',
      ok: mb(r.rssPerClusterBytes) <= 15,
      detail: `${count} clusters in a fresh process after GC; JS heap + external ${mb(r.heapPerClusterBytes).toFixed(2)} MB each`,
    },
  ];
}

/** Issue #3: authorized GET /healthz on a kubelet, 50 keep-alive clients (kubernetes-admin's cert). */
export async function kubeletHealthzThroughput(seconds = 5, clients = 50): Promise<BenchResult[]> {
  const cluster = await start();
  const node = cluster.nodes[0]!;
  const tls = adminTls(cluster);
  const summary = await runLoad({
    url: `https://${node.internalIP}:${node.kubeletPort}/healthz`,
    method: 'GET',
    tls: { ...tls, rejectUnauthorized: false }, // kubelets serve a self-signed certificate, as on kind
    clients,
    seconds,
    expectStatus: 200,
  });
  await cluster.delete();
  return [
    { name: `kubelet GET /healthz, ${clients} keep-alive clients`, value: summary.perSecond, unit: 'req/s', target: '>= 5000', ok: summary.perSecond >= 5000, detail: `${summary.requests} ok, ${summary.errors} errors, x509 admin, cached authorization` },
    { name: 'kubelet /healthz latency p99', value: summary.p99, unit: 'ms', target: '<= 5 ms', ok: summary.p99 <= 5, detail: `p50 ${summary.p50.toFixed(2)} ms` },
  ];
}

/** Issue #3: a request whose authorization is not cached: token review plus SubjectAccessReviews. */
export async function kubeletColdAuthorization(runs = 20): Promise<BenchResult[]> {
  const cluster = await start();
  const node = cluster.nodes[0]!.name;
  const kubectl = await ensureKubectl(dataDir);
  const args = ['--kubeconfig', cluster.kubeconfigPath];
  await run(kubectl.path, [...args, 'create', 'clusterrolebinding', 'bench-pods', '--clusterrole=system:kubelet-api-admin', '--serviceaccount=default:default']);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh token each time: nothing about it is in the kubelet's caches yet.
    const { stdout: token } = await run(kubectl.path, [...args, 'create', 'token', 'default']);
    const t = performance.now();
    const res = await cluster.kubeletRequest(node, { method: 'GET', path: '/pods', headers: { Authorization: `Bearer ${token.trim()}` } });
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`cold authorization benchmark: /pods answered ${res.status}`);
  }
  await cluster.delete();
  const sorted = times.sort((a, b) => a - b);
  return [{ name: 'kubelet cold-cache authorization, GET /pods (median)', value: median(sorted), unit: 'ms', detail: `${runs} fresh tokens; p90 ${percentile(sorted, 90).toFixed(1)} ms; token review + SARs + handler` }];
}

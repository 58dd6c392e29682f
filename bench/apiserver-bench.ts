// Issue #2 figures: in-process cluster ready time, `kubelab cluster up` as a whole, kubectl wall
// time against the embedded cluster vs `kubectl version --client`, and RSS per idle cluster
// (throughput and latency are in throughput-bench.ts); issue #3's cold-cache authorization.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster/embedded/cluster.js';
import { allKubectls, ensureKubectl } from '../cluster/tools/kubectl.js';
import type { KubeVersion } from '../cluster/versions.js';
import { childExecArgv, siblingModule } from './child-module.js';
import { startReplayServer } from './replay-server.js';
import { median, percentile, type BenchResult } from './stats.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
let seq = 0;

export function start(version: KubeVersion = '1.33'): Promise<EmbeddedCluster> {
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
  const replay = await startReplayServer(cluster);
  try {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-cache-'));
    const embedded = ['--kubeconfig', cluster.kubeconfigPath, '--cache-dir', cacheDir, 'get', 'clusterroles'];
    const replayed = ['--kubeconfig', replay.kubeconfigPath, '--cache-dir', cacheDir, 'get', 'clusterroles'];
    // Fill kubectl's discovery cache (as in daily use: it lasts 6 hours) and the replay's recording.
    await run(kubectl.path, embedded);
    await run(kubectl.path, replayed);
    const time = async (argv: string[]) => {
      const t = performance.now();
      await run(kubectl.path, argv);
      return performance.now() - t;
    };
    const get: number[] = [];
    const floor: number[] = [];
    const client: number[] = [];
    for (let i = 0; i < runs; i++) {
      get.push(await time(embedded));
      floor.push(await time(replayed));
      client.push(await time(['version', '--client']));
    }
    if (replay.replayed < runs) throw new Error('kubectl sent requests the replay server had not recorded: the floor would include server time');
    const ratio = median(get) / median(client);
    const floorRatio = median(floor) / median(client);
    return [
      { name: 'kubectl get clusterroles (median)', value: median(get), unit: 'ms', detail: `${kubectl.gitVersion}, warm discovery cache: one request, a server-side Table` },
      { name: 'kubectl get clusterroles, replayed answer (median)', value: median(floor), unit: 'ms', detail: `the same bytes from memory (bare Node HTTPS): kubectl's own cost; server share ${(median(get) - median(floor)).toFixed(1)} ms` },
      { name: 'kubectl version --client (median)', value: median(client), unit: 'ms' },
      { name: 'ratio get clusterroles / version --client', value: ratio, unit: 'x', target: '<= 1.2', ok: ratio <= 1.2, detail: `${runs} runs each, interleaved; the replayed answer's ratio is ${floorRatio.toFixed(2)}, the floor for any server` },
    ];
  } finally {
    await replay.close();
    await cluster.delete();
  }
}

export async function rssPerIdleCluster(count = 10): Promise<BenchResult[]> {
  // A fresh process, so the figure is not hidden by heap the other benchmarks already grew.
  const probe = siblingModule(import.meta.url, 'rss-probe');
  const { stdout } = await run(process.execPath, [...childExecArgv(['--expose-gc']), probe, String(count)], { timeout: 120_000 });
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

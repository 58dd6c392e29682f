// Issue #2 and #3 throughput and latency figures: SelfSubjectAccessReview on the API server and
// authorized GET /healthz on a kubelet, each next to a bare Node HTTPS server measured in the
// same run with the same generators, so a busy machine shows up in both and the ratio stays
// meaningful.
//
// Method (two figures per target, because one load cannot give both honestly):
// - Throughput: closed loop, 50 keep-alive connections each sending its next request as soon as
//   the last answer is in. This measures capacity. Its latency is no target figure: by Little's
//   law 50 requests always in flight at 5,000/s means 10 ms on average, whatever the server does.
// - Latency: open loop at the target rate, 50 connections sharing a 5,000/s schedule (each sends
//   every 10 ms, staggered). A request whose connection is still busy waits, and its latency
//   counts from when it was due (no coordinated omission), so an overloaded server shows.
// Closed loops use wrk when installed (cheap: it leaves the second core to the server) and our
// Node generator otherwise; wrk has no fixed-rate mode, so open loops always use the Node
// generator. Every detail names the generator. Requests authenticate with a ServiceAccount
// bearer token, as `curl -k -H "Authorization: Bearer $TOKEN"` does (wrk cannot send a client
// certificate). Each pairing is measured `rounds` times, interleaved; figures are medians.

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { createCertificateAuthority, issueCertificate } from '../cluster/embedded/pki/index.js';
import type { EmbeddedCluster } from '../cluster/embedded/cluster.js';
import { adminRequest, adminTls, sendOnce, serviceAccountToken, type Answer } from './cluster-client.js';
import { describeGenerator, runLoad } from './load/run-load.js';
import type { HttpTarget, LoadSpec, LoadSummary } from './load/types.js';
import { median, type BenchResult } from './stats.js';

export interface ThroughputOptions {
  start: () => Promise<EmbeddedCluster>;
  rounds?: number;
  seconds?: number;
  connections?: number;
  /** The open loop's offered rate, and the throughput target. */
  rate?: number;
  /** The latency target (p99, ms). */
  p99TargetMs?: number;
}

const DEFAULTS = { rounds: 3, seconds: 5, connections: 50, rate: 5000, p99TargetMs: 5 };

/** How the throughput and latency figures are measured, printed under the table. */
export const THROUGHPUT_METHOD = [
  'Throughput and latency (SSAR, kubelet /healthz) are two measurements, not one:',
  '- throughput: closed loop, 50 keep-alive connections each sending its next request when the last answer is in (capacity).',
  '  Its latency is no target figure: 50 requests always in flight at 5,000/s means 10 ms on average (Little\'s law).',
  '- latency p99: open loop, 50 connections sharing a fixed 5,000/s schedule; a request waits while its connection is busy',
  '  and its latency counts from when it was due, so an overloaded server shows (no coordinated omission).',
  'Closed loops run on wrk when installed (one C thread, leaves the other core to the server), else on our Node generator;',
  'open loops always on the Node generator (wrk has no fixed-rate mode). A bare Node HTTPS server answering the same bytes',
  'is measured in the same run, interleaved, as the baseline; "server CPU" is this process\'s CPU time per request.',
].join('\n');
const WARMUP_SECONDS = 1;

/** A bare Node HTTPS server with the API server's TLS settings that answers every request with `answer`. */
async function bareServer(answer: Answer): Promise<{ server: Server; port: number; ca: string }> {
  const ca = createCertificateAuthority('bench');
  const serving = issueCertificate(ca, { commonName: 'bench', usage: 'server', ipAddresses: ['127.0.0.1'] });
  const server = createServer({ cert: serving.certPem, key: serving.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false, keepAliveTimeout: 60_000 });
  const body = Buffer.from(answer.body);
  server.on('request', (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': body.length, 'Cache-Control': 'no-cache, private' });
      res.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port, ca: ca.certPem };
}

interface Measured {
  closed: LoadSummary[];
  open: LoadSummary[];
  /** CPU time this process (the server) spent per answered request in each closed-loop run, µs. */
  cpuPerRequestUs: number[];
}

/** A load, with the CPU time the server (this process: the generators are others) spent on it. */
async function withCpu(spec: LoadSpec): Promise<{ summary: LoadSummary; cpuPerRequestUs: number }> {
  const before = process.cpuUsage();
  const summary = checked(await runLoad(spec));
  const used = process.cpuUsage(before);
  // The warm-up's requests are served too but not counted: scale by the measured share of the time.
  const requests = summary.requests * (1 + spec.warmupSeconds / spec.seconds);
  return { summary, cpuPerRequestUs: (used.user + used.system) / requests };
}

async function measurePair(subject: HttpTarget, baseline: HttpTarget, o: typeof DEFAULTS): Promise<{ subject: Measured; baseline: Measured; specs: { closed: LoadSpec; open: LoadSpec } }> {
  const closed = (target: HttpTarget): LoadSpec => ({ target, shape: { kind: 'closed', connections: o.connections }, seconds: o.seconds, warmupSeconds: WARMUP_SECONDS });
  const open = (target: HttpTarget): LoadSpec => ({ target, shape: { kind: 'open', connections: o.connections, ratePerSecond: o.rate }, seconds: o.seconds, warmupSeconds: WARMUP_SECONDS });
  const empty = (): Measured => ({ closed: [], open: [], cpuPerRequestUs: [] });
  const result = { subject: empty(), baseline: empty() };
  for (let round = 0; round < o.rounds; round++) {
    for (const [which, target] of [['baseline', baseline], ['subject', subject]] as const) {
      const { summary, cpuPerRequestUs } = await withCpu(closed(target));
      result[which].closed.push(summary);
      result[which].cpuPerRequestUs.push(cpuPerRequestUs);
      result[which].open.push(await runLoad(open(target)));
    }
  }
  return { ...result, specs: { closed: closed(subject), open: open(subject) } };
}

function checked(summary: LoadSummary): LoadSummary {
  if (summary.requests === 0) throw new Error(`no request was answered as expected (${summary.errors} errors)`);
  return summary;
}

const med = (summaries: LoadSummary[], pick: (s: LoadSummary) => number) => median(summaries.map(pick));

function figures(label: string, subjectDetail: string, m: Awaited<ReturnType<typeof measurePair>>, o: typeof DEFAULTS, load: string): BenchResult[] {
  const rps = med(m.subject.closed, (s) => s.perSecond);
  const baseRps = med(m.baseline.closed, (s) => s.perSecond);
  const p99 = med(m.subject.open, (s) => s.latencyMs.p99);
  const baseP99 = med(m.baseline.open, (s) => s.latencyMs.p99);
  const cpu = median(m.subject.cpuPerRequestUs);
  const lag = med(m.subject.open, (s) => s.schedulerLagP99Ms ?? 0);
  const baseCpu = median(m.baseline.cpuPerRequestUs);
  const closedErrors = m.subject.closed.reduce((n, s) => n + s.errors, 0);
  const openErrors = m.subject.open.reduce((n, s) => n + s.errors, 0);
  const closedHow = describeGenerator(m.subject.closed[0]!, m.specs.closed);
  const openHow = describeGenerator(m.subject.open[0]!, m.specs.open);
  return [
    {
      name: `${label} throughput, ${o.connections} keep-alive connections`,
      value: rps,
      unit: 'req/s',
      target: `>= ${o.rate}`,
      ok: rps >= o.rate,
      detail:
        `median of ${o.rounds} × ${o.seconds} s, ${closedHow}; ${subjectDetail}; bare Node HTTPS same run ${baseRps.toFixed(0)}/s (ratio ${(rps / baseRps).toFixed(2)}); ` +
        `server CPU ${cpu.toFixed(0)} µs/request (bare Node ${baseCpu.toFixed(0)} µs, so one core serves at most ~${(1e6 / cpu).toFixed(0)}/s); closed-loop p50 ${med(m.subject.closed, (s) => s.latencyMs.p50).toFixed(1)} ms; ${closedErrors} errors; ${load}`,
    },
    {
      name: `${label} latency p99 at ${o.rate}/s offered`,
      value: p99,
      unit: 'ms',
      target: `<= ${o.p99TargetMs} ms`,
      ok: p99 <= o.p99TargetMs,
      detail: `${lag > o.p99TargetMs ? `NOT A SERVER FIGURE: the generator itself ran ${lag.toFixed(0)} ms behind its schedule (a busy machine); ` : ''}median of ${o.rounds} × ${o.seconds} s, ${openHow}, latency from when each request was due; p50 ${med(m.subject.open, (s) => s.latencyMs.p50).toFixed(2)} ms, achieved ${med(m.subject.open, (s) => s.perSecond).toFixed(0)}/s, generator timer lag p99 ${lag.toFixed(2)} ms; ${openErrors} failed or unanswered; bare Node HTTPS same run p99 ${baseP99.toFixed(2)} ms`,
    },
  ];
}

async function withBaseline(subject: HttpTarget, o: typeof DEFAULTS): Promise<Awaited<ReturnType<typeof measurePair>>> {
  const answer = await sendOnce(subject);
  if (answer.status !== subject.expectStatus) throw new Error(`${subject.method} ${subject.path} answered ${answer.status}, not ${subject.expectStatus}: ${answer.body}`);
  const bare = await bareServer(answer);
  try {
    const baseline: HttpTarget = { ...subject, host: '127.0.0.1', port: bare.port, tls: { ca: bare.ca } };
    return await measurePair(subject, baseline, o);
  } finally {
    bare.server.closeAllConnections();
    bare.server.close();
  }
}

/** The machine's load while the benchmark ran: colleagues' tests share the two cores. */
function machineLoad(): () => string {
  const before = { load: loadavg()[0]!, pressure: cpuPressure() };
  return () => `load avg ${before.load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}, CPU pressure (PSI some avg10) ${before.pressure} → ${cpuPressure()}`;
}

/** Linux PSI: the share of time some runnable task waited for a CPU, last 10 s ("n/a" elsewhere). */
function cpuPressure(): string {
  try {
    const avg10 = /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1];
    return avg10 ? `${avg10}%` : 'n/a';
  } catch {
    return 'n/a';
  }
}

/** Issue #2: SelfSubjectAccessReview of `get nodes/proxy` by a ServiceAccount (denied: RBAC walks every binding). */
export async function ssarThroughput(options: ThroughputOptions): Promise<BenchResult[]> {
  const o = { ...DEFAULTS, ...options };
  const load = machineLoad();
  const cluster = await options.start();
  try {
    const token = await serviceAccountToken(cluster, 'default', 'default');
    const url = new URL(cluster.server);
    const subject: HttpTarget = {
      host: url.hostname,
      port: Number(url.port),
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        spec: { resourceAttributes: { verb: 'get', resource: 'nodes', subresource: 'proxy', name: `${cluster.spec.name}-control-plane` } },
      }),
      tls: { ca: adminTls(cluster).ca },
      expectStatus: 201,
    };
    return figures('SSAR', 'ServiceAccount token, denied review', await withBaseline(subject, o), o, load());
  } finally {
    await cluster.delete();
  }
}

/** Issue #3: GET /healthz on a kubelet by a ServiceAccount bound to system:kubelet-api-admin (cached authn and authz). */
export async function kubeletHealthzThroughput(options: ThroughputOptions): Promise<BenchResult[]> {
  const o = { ...DEFAULTS, ...options };
  const load = machineLoad();
  const cluster = await options.start();
  try {
    await adminRequest(cluster, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'bench-kubelet-api' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:kubelet-api-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    });
    const token = await serviceAccountToken(cluster, 'default', 'default');
    const node = cluster.nodes[0]!;
    const subject: HttpTarget = {
      host: node.internalIP,
      port: node.kubeletPort,
      method: 'GET',
      path: '/healthz',
      headers: { Authorization: `Bearer ${token}` },
      tls: {}, // kubelets serve a self-signed certificate, as on kind: `curl -k`
      expectStatus: 200,
    };
    return figures('kubelet GET /healthz', 'ServiceAccount token, cached TokenReview and SubjectAccessReview', await withBaseline(subject, o), o, load());
  } finally {
    await cluster.delete();
  }
}

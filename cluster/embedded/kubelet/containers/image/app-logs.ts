// What well-known images print when they start, as short scripts of (delay, stream, text)
// lines. Believable rather than byte-exact: versions, addresses and arguments come from the pod.

import type { LogScriptId } from './images.js';

export interface LogLine {
  /** Milliseconds after the container started. */
  offsetMs: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface LogContext {
  startedAt: Date;
  /** The container's command line (static pods carry their flags here). */
  argv: readonly string[];
  version: string;
  podIP: string;
  nodeIP: string;
  nodeName: string;
  kernelRelease: string;
  /** Readiness/liveness probes defined (they show up in access logs). */
  probed: boolean;
  /** Kubernetes minor version of the cluster, e.g. "1.31" (probe user agents). */
  kubeMinor: string;
  /** How long the container has been running, in ms (bounds repeated lines). */
  uptimeMs: number;
}

const two = (n: number) => String(n).padStart(2, '0');

/** nginx's error-log time: 2025/11/29 05:20:11. */
function nginxTime(d: Date): string {
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx access-log time: 29/Nov/2025:05:20:21 +0000. */
function accessTime(d: Date): string {
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** klog's header: I1129 05:20:11.123456       1 file.go:42] */
function klog(at: Date, micros: number, location: string, message: string, level = 'I'): string {
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}.${String(micros).padStart(6, '0')}`;
  return `${level}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())} ${time}${'1'.padStart(8)} ${location}] ${message}`;
}

const at = (ctx: LogContext, offsetMs: number) => new Date(ctx.startedAt.getTime() + offsetMs);

/** One klog line per entry, 40 ms apart. */
function klogScript(ctx: LogContext, entries: readonly [string, string][]): LogLine[] {
  return entries.map(([location, message], i) => {
    const offsetMs = i * 40 + 3;
    return { offsetMs, stream: 'stderr', text: klog(at(ctx, offsetMs), (offsetMs * 997) % 1_000_000, location, message) };
  });
}

function flag(ctx: LogContext, name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return ctx.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

const PROBE_PERIOD_MS = 10_000;
const MAX_REPEATED_LINES = 500;

const SCRIPTS: Readonly<Record<LogScriptId, (ctx: LogContext) => LogLine[]>> = {
  nginx: (ctx) => {
    const entry = [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ].map((text, i): LogLine => ({ offsetMs: i * 4, stream: 'stdout', text }));
    const time = nginxTime(at(ctx, 60));
    const notices = [
      'using the "epoll" event method',
      `nginx/${ctx.version}`,
      'built by gcc 12.2.0 (Debian 12.2.0-14)',
      `OS: Linux ${ctx.kernelRelease}`,
      'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
      'start worker processes',
      ...[29, 30, 31, 32].map((pid) => `start worker process ${pid}`),
    ].map((text): LogLine => ({ offsetMs: 60, stream: 'stderr', text: `${time} [notice] 1#1: ${text}` }));
    const probes: LogLine[] = [];
    if (ctx.probed) {
      const gateway = ctx.podIP.replace(/\.\d+$/, '.1');
      const count = Math.min(MAX_REPEATED_LINES, Math.floor(ctx.uptimeMs / PROBE_PERIOD_MS));
      for (let i = Math.max(1, count - MAX_REPEATED_LINES + 1); i <= count; i++) {
        const offsetMs = i * PROBE_PERIOD_MS;
        probes.push({ offsetMs, stream: 'stdout', text: `${gateway} - - [${accessTime(at(ctx, offsetMs))}] "GET / HTTP/1.1" 200 615 "-" "kube-probe/${ctx.kubeMinor}" "-"` });
      }
    }
    return [...entry, ...notices, ...probes];
  },
  coredns: (ctx) =>
    [
      '.:53',
      '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b',
      `CoreDNS-${ctx.version}`,
      'linux/amd64, go1.22.7, a6338e9',
    ].map((text, i) => ({ offsetMs: i * 2 + 30, stream: 'stdout', text })),
  etcd: (ctx) => {
    const client = flag(ctx, 'advertise-client-urls', `https://${ctx.nodeIP}:2379`);
    const entries: Record<string, unknown>[] = [
      { caller: 'etcdmain/etcd.go:73', msg: 'Running: ', args: ctx.argv },
      { caller: 'embed/etcd.go:128', msg: 'configuring peer listeners', 'listen-peer-urls': [flag(ctx, 'listen-peer-urls', `https://${ctx.nodeIP}:2380`)] },
      { caller: 'embed/etcd.go:136', msg: 'configuring client listeners', 'listen-client-urls': flag(ctx, 'listen-client-urls', client).split(',') },
      { caller: 'embed/etcd.go:311', msg: 'starting an etcd server', 'etcd-version': ctx.version, 'data-dir': flag(ctx, 'data-dir', '/var/lib/etcd'), name: flag(ctx, 'name', ctx.nodeName) },
      { caller: 'etcdserver/server.go:2118', msg: 'published local member to cluster through raft', 'local-member-attributes': `{Name:${flag(ctx, 'name', ctx.nodeName)} ClientURLs:[${client}]}` },
      { caller: 'embed/serve.go:250', msg: 'serving client traffic securely', traffic: 'grpc+http', address: `${ctx.nodeIP}:2379` },
      { caller: 'etcdmain/main.go:44', msg: 'notifying init daemon' },
      { caller: 'etcdmain/main.go:50', msg: 'successfully notified init daemon' },
    ];
    return entries.map((fields, i) => {
      const offsetMs = i * 25 + 5;
      return { offsetMs, stream: 'stderr', text: JSON.stringify({ level: 'info', ts: at(ctx, offsetMs).toISOString().replace('Z', '123Z'), ...fields }) };
    });
  },
  'kube-apiserver': (ctx) =>
    klogScript(ctx, [
      ['options.go:228', `external host was not specified, using ${flag(ctx, 'advertise-address', ctx.nodeIP)}`],
      ['server.go:142', `Version: v${ctx.version}`],
      ['server.go:144', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'],
      ['shared_informer.go:313', 'Waiting for caches to sync for node_authorizer'],
      ['plugins.go:157', 'Loaded 13 mutating admission controller(s) successfully in the following order: NamespaceLifecycle,LimitRanger,ServiceAccount,NodeRestriction,TaintNodesByCondition,Priority,DefaultTolerationSeconds,DefaultStorageClass,StorageObjectInUseProtection,RuntimeClass,DefaultIngressClass,MutatingAdmissionPolicy,MutatingAdmissionWebhook.'],
      ['secure_serving.go:213', `Serving securely on [::]:${flag(ctx, 'secure-port', '6443')}`],
      ['controller.go:615', 'quota admission added evaluator for: serviceaccounts'],
    ]),
  'kube-controller-manager': (ctx) =>
    klogScript(ctx, [
      ['serving.go:386', 'Generated self-signed cert in-memory'],
      ['controllermanager.go:197', `"Starting" version="v${ctx.version}"`],
      ['secure_serving.go:213', 'Serving securely on 127.0.0.1:10257'],
      ['leaderelection.go:254', 'attempting to acquire leader lease kube-system/kube-controller-manager...'],
      ['leaderelection.go:268', 'successfully acquired lease kube-system/kube-controller-manager'],
      ['controllermanager.go:797', '"Started controller" controller="serviceaccount-token-controller"'],
      ['controllermanager.go:797', '"Started controller" controller="namespace-controller"'],
    ]),
  'kube-scheduler': (ctx) =>
    klogScript(ctx, [
      ['serving.go:386', 'Generated self-signed cert in-memory'],
      ['server.go:167', `"Starting Kubernetes Scheduler" version="v${ctx.version}"`],
      ['secure_serving.go:213', 'Serving securely on 127.0.0.1:10259'],
      ['leaderelection.go:254', 'attempting to acquire leader lease kube-system/kube-scheduler...'],
      ['leaderelection.go:268', 'successfully acquired lease kube-system/kube-scheduler'],
    ]),
  'kube-proxy': (ctx) =>
    klogScript(ctx, [
      ['server_linux.go:66', '"Using iptables proxy"'],
      ['server.go:677', `"Successfully retrieved node IP(s)" IPs=["${ctx.nodeIP}"]`],
      ['server.go:234', `"Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using \`--nodeport-addresses primary\`"`],
      ['server.go:483', `"Version info" version="v${ctx.version}"`],
      ['config.go:199', '"Starting service config controller"'],
      ['config.go:105', '"Starting endpoint slice config controller"'],
      ['shared_informer.go:320', 'Caches are synced for service config'],
    ]),
  kindnetd: (ctx) =>
    [
      `INFO: Using IPv4 ${ctx.nodeIP} as node IP`,
      `Kubernetes apiserver address: ${ctx.nodeIP}:6443`,
      'Node kindnet-cni starting',
      `Handling node with IPs: map[${ctx.nodeIP}:{}]`,
      `handling current node`,
    ].map((text, i) => ({ offsetMs: i * 50 + 10, stream: 'stdout', text })),
  'local-path-provisioner': (ctx) =>
    [
      'level=debug msg="Applied config: {\\"nodePathMap\\":[{\\"node\\":\\"DEFAULT_PATH_FOR_NON_LISTED_NODES\\",\\"paths\\":[\\"/var/local-path-provisioner\\"]}]}"',
      'level=debug msg="Provisioner started"',
    ].map((text, i) => ({ offsetMs: i * 20 + 15, stream: 'stderr', text: `time="${at(ctx, i * 20 + 15).toISOString().replace(/\.\d+Z$/, 'Z')}" ${text}` })),
};

export function appLogs(script: LogScriptId, ctx: LogContext): LogLine[] {
  return SCRIPTS[script](ctx).filter((line) => line.offsetMs <= ctx.uptimeMs);
}

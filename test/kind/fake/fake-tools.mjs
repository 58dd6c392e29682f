// A recording stand-in for the `kind` and `docker` CLIs, for hosts without a Docker engine. Every
// call appends {tool, argv, stdin, network} to $KUBELAB_FAKE_DIR/calls.jsonl; the answers follow
// the real tools' output formats and exit codes (kind: status lines on stderr, " • <stage>  ..."
// then " ✓ <stage>" or " ✗ <stage>" without a terminal, "ERROR: ..." on failure; docker: JSON from
// --format '{{json ...}}', "Cannot connect to the Docker daemon ..." without a daemon). What the
// world looks like (clusters, daemon up or down, kind version, failures to stage) is
// $KUBELAB_FAKE_DIR/state.json, which the fake updates as a real engine would.

import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { setInterval } from 'node:timers';
import { URL } from 'node:url';

const dir = process.env.KUBELAB_FAKE_DIR;
if (!dir) {
  process.stderr.write('fake tool: KUBELAB_FAKE_DIR is not set\n');
  process.exit(97);
}
const statePath = join(dir, 'state.json');

const DEFAULTS = {
  docker: 'up',
  kindVersion: 'v0.32.0',
  cgroupVersion: '2',
  memTotal: 8 * 1024 ** 3,
  clusters: {},
  /** kind create: the stage to fail at, and whether the failed cluster's nodes stay behind. */
  failAt: null,
  leaveNodes: false,
  waitTimesOut: false,
  nextIp: 2,
  auditLines: [],
};

function load() {
  return { ...DEFAULTS, ...(existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : {}) };
}
function save(state) {
  writeFileSync(statePath, JSON.stringify(state, null, 2));
}
function readStdin() {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}
function record(tool, argv, stdin) {
  const network = process.env.KIND_EXPERIMENTAL_DOCKER_NETWORK;
  appendFileSync(join(dir, 'calls.jsonl'), JSON.stringify({ tool, argv, ...(stdin ? { stdin } : {}), ...(network ? { network } : {}) }) + '\n');
}
function flag(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);

const DOCKER_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

function nodeNames(name, count) {
  const names = [`${name}-control-plane`];
  for (let i = 1; i < count; i++) names.push(`${name}-worker${i === 1 ? '' : i}`);
  return names;
}

function kubeconfigFor(name, server) {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    '    certificate-authority-data: ZmFrZQ==',
    `    server: ${server}`,
    `  name: kind-${name}`,
    'contexts:',
    '- context:',
    `    cluster: kind-${name}`,
    `    user: kind-${name}`,
    `  name: kind-${name}`,
    `current-context: kind-${name}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: kind-${name}`,
    '  user:',
    '    client-certificate-data: ZmFrZQ==',
    '    client-key-data: ZmFrZQ==',
    '',
  ].join('\n');
}

/** Why kind's docker calls would fail here (no docker on PATH, or no daemon), as kind words it. */
function dockerProblem(state, command) {
  const onPath = (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, 'docker')));
  if (!onPath) return `command "${command}" failed with error: exec: "docker": executable file not found in $PATH\n`;
  if (state.docker !== 'up') return `command "${command}" failed with error: exit status 1\nCommand Output: ${DOCKER_DOWN}`;
  return undefined;
}

function kind(argv) {
  record('kind', argv);
  const state = load();
  const [verb, noun] = argv;
  if (verb === 'version') return out(`kind ${state.kindVersion} go1.24.2 linux/amd64\n`), 0;
  const problem = dockerProblem(state, `docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'`);
  if (problem && verb !== 'create') return err(`ERROR: failed to ${verb === 'delete' ? 'delete cluster' : 'list clusters'}: ${problem}`), 1;
  if (verb === 'get' && noun === 'clusters') {
    const names = Object.keys(state.clusters).sort();
    if (names.length === 0) err('No kind clusters found.\n');
    else out(names.map((n) => `${n}\n`).join(''));
    return 0;
  }
  if (verb === 'get' && noun === 'nodes') {
    const name = flag(argv, '--name') ?? 'kind';
    const cluster = state.clusters[name];
    if (!cluster) return err(`No kind nodes found for cluster "${name}".\n`), 0;
    out(cluster.nodes.map((n) => `${n.name}\n`).join(''));
    return 0;
  }
  if (verb === 'get' && noun === 'kubeconfig') {
    const name = flag(argv, '--name') ?? 'kind';
    const cluster = state.clusters[name];
    if (!cluster) return err(`ERROR: could not locate any control plane nodes for cluster named '${name}'. Use the --name option to select a different cluster\n`), 1;
    out(kubeconfigFor(name, argv.includes('--internal') ? `https://${name}-control-plane:6443` : `https://127.0.0.1:${cluster.port}`));
    return 0;
  }
  if (verb === 'delete' && noun === 'cluster') {
    const name = flag(argv, '--name') ?? 'kind';
    err(`Deleting cluster "${name}" ...\n`);
    const cluster = state.clusters[name];
    if (cluster) {
      err(`Deleted nodes: [${cluster.nodes.map((n) => JSON.stringify(n.name)).join(' ')}]\n`);
      delete state.clusters[name];
      save(state);
    }
    return 0;
  }
  if (verb === 'create' && noun === 'cluster') return createCluster(argv, state);
  err(`ERROR: unknown command "${argv.join(' ')}" for "kind"\n`);
  return 1;
}

async function createCluster(argv, state) {
  const { parse } = await import('yaml'); // loaded only here: every other call starts faster
  const name = flag(argv, '--name') ?? 'kind';
  const image = flag(argv, '--image');
  const configPath = flag(argv, '--config');
  const kubeconfig = flag(argv, '--kubeconfig');
  const wait = flag(argv, '--wait');
  const problem = dockerProblem(state, `docker info --format '{{json .}}'`);
  if (problem) return err(`ERROR: failed to create cluster: failed to get docker info: ${problem}`), 1;
  if (state.clusters[name]) {
    err(`ERROR: failed to create cluster: node(s) already exist for a cluster with the name "${name}"\n`);
    return 1;
  }
  const config = configPath ? parse(readFileSync(configPath, 'utf8')) : { nodes: [{ role: 'control-plane' }] };
  if (config?.kind !== 'Cluster' || config?.apiVersion !== 'kind.x-k8s.io/v1alpha4') {
    err(`ERROR: failed to create cluster: unknown apiVersion or kind in ${configPath}\n`);
    return 1;
  }
  const count = (config.nodes ?? [{}]).length;
  const network = process.env.KIND_EXPERIMENTAL_DOCKER_NETWORK || 'kind';
  const nodes = nodeNames(name, count).map((n) => ({ name: n, ip: `172.18.0.${state.nextIp++}` }));
  const friendly = (image ?? '').split('@')[0];
  err(`Creating cluster "${name}" ...\n`);
  if (network !== 'kind') err('WARNING: Overriding docker network due to KIND_EXPERIMENTAL_DOCKER_NETWORK\nWARNING: Here be dragons! This is not supported currently.\n');
  const stages = [
    `Ensuring node image (${friendly}) 🖼`,
    `Preparing nodes ${'📦 '.repeat(count)}`,
    'Writing configuration 📜',
    'Starting control-plane 🕹️',
    'Installing CNI 🔌',
    'Installing StorageClass 💾',
    ...(count > 1 ? ['Joining worker nodes 🚜'] : []),
    ...(wait && wait !== '0s' ? [`Waiting ≤ ${wait === '180s' ? '3m0s' : wait} for control-plane = Ready ⏳`] : []),
  ];
  let provisioned = false;
  for (const stage of stages) {
    err(` • ${stage}  ...\n`);
    if (stage.startsWith('Preparing nodes')) {
      provisioned = true;
      state.clusters[name] = { image, network, port: 40000 + state.nextIp, nodes };
      save(state);
    }
    if (state.failAt && stage.startsWith(state.failAt)) {
      err(` ✗ ${stage}\n`);
      if (provisioned && !state.leaveNodes) {
        err(`Deleted nodes: [${nodes.map((n) => JSON.stringify(n.name)).join(' ')}]\n`);
        delete state.clusters[name];
        save(state);
      }
      err(`ERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged ${name}-control-plane kubeadm init --config=/kind/kubeadm.conf --skip-token-print --v=6" failed with error: exit status 1\n`);
      err('Command Output: I0101 00:00:00.000000     123 initconfiguration.go:261] loading configuration from "/kind/kubeadm.conf"\n');
      err('[kubelet-check] The kubelet is not healthy after 4m0s\n');
      return 1;
    }
    if (state.waitTimesOut && stage.startsWith('Waiting')) {
      err(` ✗ ${stage}\n • WARNING: Timed out waiting for Ready ⚠️\n`);
      continue;
    }
    err(` ✓ ${stage}\n`);
  }
  if (!state.waitTimesOut && stages.some((s) => s.startsWith('Waiting'))) err(' • Ready after 21s 💚\n');
  if (kubeconfig) {
    mkdirSync(dirname(kubeconfig), { recursive: true });
    writeFileSync(kubeconfig, kubeconfigFor(name, `https://127.0.0.1:${state.clusters[name].port}`));
  }
  err(`Set kubectl context to "kind-${name}"\nYou can now use your cluster with:\n\nkubectl cluster-info --context kind-${name} --kubeconfig ${kubeconfig}\n\nHave a nice day! 👋\n`);
  return 0;
}

function allNodes(state) {
  return Object.values(state.clusters).flatMap((c) => c.nodes.map((n) => ({ ...n, cluster: c })));
}

function docker(argv) {
  const stdin = argv[0] === 'exec' && argv[1] === '-i' ? readStdin() : '';
  record('docker', argv, stdin);
  const state = load();
  if (state.docker === 'missing') return err('fake: docker is not installed in this state\n'), 127;
  if (state.docker !== 'up') {
    if (argv[0] === 'info') out('{"ID":"","ServerVersion":"","CgroupVersion":"","MemTotal":0,"NCPU":0,"ClientInfo":{"Version":"28.2.2"}}\n');
    return err(DOCKER_DOWN), 1;
  }
  const [verb] = argv;
  if (verb === 'info') {
    out(JSON.stringify({ ServerVersion: '28.2.2', CgroupVersion: state.cgroupVersion, CgroupDriver: 'systemd', MemTotal: state.memTotal, NCPU: 4, OperatingSystem: 'Debian GNU/Linux 13 (trixie)' }) + '\n');
    return 0;
  }
  if (verb === 'inspect') {
    const format = flag(argv, '--format');
    const names = argv.slice(argv.indexOf('--format') + 2);
    const nodes = allNodes(state);
    const found = names.map((n) => nodes.find((x) => x.name === n));
    const missing = names.filter((_, i) => !found[i]);
    for (const node of found.filter(Boolean)) {
      if (format === '{{json .NetworkSettings.Networks}}') out(JSON.stringify({ [node.cluster.network]: { IPAddress: node.ip, Gateway: '172.18.0.1' } }) + '\n');
      else if (format === '{{.Config.Image}}') out(`${node.cluster.image}\n`);
      else out('\n');
    }
    if (missing.length) return err(`Error: No such object: ${missing[0]}\n`), 1;
    return 0;
  }
  if (verb === 'exec') return dockerExec(argv, stdin, state);
  if (verb === 'network') {
    const [, action, network] = argv;
    if (action === 'rm' && !Object.values(state.clusters).some((c) => c.network === network) && network !== 'kind') {
      return err(`Error response from daemon: network ${network} not found\n`), 1;
    }
    if (action === 'rm') out(`${network}\n`);
    return 0;
  }
  err(`docker: unknown command: docker ${verb}\n\nRun 'docker --help' for more information\n`);
  return 1;
}

function dockerExec(argv, stdin, state) {
  const interactive = argv[1] === '-i';
  const node = argv[interactive ? 2 : 1];
  const command = argv.slice(interactive ? 3 : 2);
  if (!allNodes(state).some((n) => n.name === node)) return err(`Error response from daemon: No such container: ${node}\n`), 1;
  if (command[0] === 'tail') {
    for (const line of state.auditLines) out(line + '\n');
    setInterval(() => {}, 1 << 30); // tail -F never ends on its own
    return undefined;
  }
  if (command[0] === 'curl' && command.includes('--config')) {
    const url = /^url = "(.*)"$/m.exec(stdin)?.[1] ?? '';
    const path = new URL(url).pathname;
    const authorized = /^header = "Authorization: Bearer .+"$/m.test(stdin);
    const date = 'Thu, 01 Jan 2026 00:00:00 GMT';
    if (!authorized) out(`HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain; charset=utf-8\r\nDate: ${date}\r\nContent-Length: 12\r\n\r\nUnauthorized`);
    else if (path === '/healthz') out(`HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: ${date}\r\nContent-Length: 2\r\n\r\nok`);
    else out(`HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nDate: ${date}\r\nContent-Length: 19\r\n\r\n404 page not found\n`);
    return 0;
  }
  return err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown\n`), 126;
}

export async function main(tool) {
  const argv = process.argv.slice(2);
  const code = await (tool === 'kind' ? kind(argv) : docker(argv));
  if (code !== undefined) process.exitCode = code;
}

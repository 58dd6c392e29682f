// `kubelab cluster up`: an embedded cluster in the foreground until SIGINT/SIGTERM, or with
// --runtime kind a kind cluster that stays up until `kubelab cluster down`.

import { readFileSync } from 'node:fs';
import { UsageError, type Command, type CommandIO } from '../command.js';
import { dataDir } from '../data-dir.js';
import { isKubeVersion, KUBE_VERSIONS } from '../../cluster/versions.js';
import { startEmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { InvalidClusterSpecError } from '../../cluster/embedded/errors.js';
import type { Cluster, ClusterSpec, Progress } from '../../cluster/provider.js';
import { KindProvider } from '../../cluster/kind/kind-provider.js';
import { kindClusterName } from '../../cluster/kind/names.js';
import { kindProviderOptions } from '../../cluster/kind/settings.js';

export const clusterUp: Command = {
  path: ['cluster', 'up'],
  summary: 'Run an embedded cluster in the foreground until Ctrl-C',
  details: [
    'Starts an in-process API server and kubelets that behave as a kind cluster of that version.',
    'Progress goes to stderr; with --json, stdout gets one line when the cluster is ready:',
    '  {"name","version","gitVersion","runtime","kubeconfig","server","nodes":[{"name","internalIP","kubeletPort"}]}',
    '',
    'With --runtime kind, kind creates the cluster kubelab-NAME (Docker needed: see `kubelab doctor`);',
    'it keeps running after this command ends, until `kubelab cluster down kubelab-NAME`.',
    '',
    'Examples:',
    '  kubelab cluster up --name lab --version 1.33 --feature-gates KubeletFineGrainedAuthz=false',
    '  kubelab cluster up --runtime kind --name lab --version 1.36 --nodes 2',
  ].join('\n'),
  options: {
    name: { type: 'string', description: 'Cluster name; nodes are NAME-control-plane, NAME-worker, ...', valueName: 'NAME', default: 'kubelab' },
    version: { type: 'string', description: `Kubernetes version: ${KUBE_VERSIONS.join(', ')}`, valueName: 'VERSION', default: '1.33' },
    nodes: { type: 'string', description: 'Number of nodes: one control plane plus N-1 workers', valueName: 'N', default: '1' },
    'feature-gates': { type: 'string', description: 'Feature gates for every component, e.g. KubeletFineGrainedAuthz=false', valueName: 'K=V,...' },
    'kubelet-config': { type: 'string', description: 'KubeletConfiguration YAML patch merged over kubeadm defaults', valueName: 'FILE' },
    kubeconfig: { type: 'string', description: 'Where to write the admin kubeconfig (default DATA_DIR/clusters/NAME/kubeconfig)', valueName: 'PATH' },
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
    runtime: { type: 'string', description: 'embedded (in this process) or kind', valueName: 'RUNTIME', default: 'embedded' },
    json: { type: 'boolean', description: 'Print one JSON line on stdout when ready' },
  },
  async run(values, _positionals, io) {
    const spec = specFromFlags(values);
    const json = values.json === true;
    const progress = progressPrinter(io);
    if (values.runtime === 'kind') return kindUp(spec, values, io, json);
    if (values.runtime !== 'embedded') throw new UsageError(`unknown --runtime "${String(values.runtime)}": use embedded or kind`);
    io.err(`Creating embedded cluster "${spec.name}" (v${spec.version}) ...`);
    let cluster;
    try {
      cluster = await startEmbeddedCluster({
        spec,
        dataDir: dataDir(values['data-dir']),
        progress,
        ...(typeof values.kubeconfig === 'string' ? { kubeconfigPath: values.kubeconfig } : {}),
      });
    } catch (e) {
      if (e instanceof InvalidClusterSpecError) throw new UsageError(e.message);
      throw e;
    }
    if (json) io.out(JSON.stringify(readyLine(spec.name, cluster)));
    else {
      io.err(`Cluster "${spec.name}" is ready (${cluster.gitVersion}, API server ${cluster.server}).`);
      io.err(`  export KUBECONFIG=${cluster.kubeconfigPath}`);
      for (const n of cluster.nodes) io.err(`  node ${n.name}: kubelet at https://${n.internalIP}:${n.kubeletPort}`);
      io.err('Press Ctrl-C to stop it.');
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await cluster.delete();
    if (!json) io.err(`Cluster "${spec.name}" stopped.`);
    return 0;
  },
};

async function kindUp(spec: ClusterSpec, values: Record<string, unknown>, io: CommandIO, json: boolean): Promise<number> {
  const provider = new KindProvider(kindProviderOptions(dataDir(values['data-dir']), { live: false }));
  const kindName = kindClusterName(spec.name);
  io.err(`Creating kind cluster "${kindName}" (v${spec.version}) ...`);
  let cluster;
  try {
    cluster = await provider.create(spec, progressPrinter(io), typeof values.kubeconfig === 'string' ? { kubeconfigPath: values.kubeconfig } : {});
  } catch (e) {
    if (e instanceof InvalidClusterSpecError) throw new UsageError(e.message);
    throw e;
  }
  if (json) io.out(JSON.stringify(readyLine(kindName, cluster)));
  else {
    io.err(`Cluster "${kindName}" is ready (${cluster.gitVersion}, API server ${cluster.server}).`);
    io.err(`  export KUBECONFIG=${cluster.kubeconfigPath}`);
    for (const n of cluster.nodes) io.err(`  node ${n.name}: kubelet at https://${n.internalIP}:${n.kubeletPort}`);
    io.err(`It keeps running: delete it with \`kubelab cluster down ${kindName}\`.`);
  }
  return 0;
}

function readyLine(name: string, cluster: Cluster) {
  return {
    name,
    version: cluster.spec.version,
    gitVersion: cluster.gitVersion,
    runtime: cluster.runtime,
    kubeconfig: cluster.kubeconfigPath,
    server: cluster.server,
    nodes: cluster.nodes.map((n) => ({ name: n.name, internalIP: n.internalIP, kubeletPort: n.kubeletPort })),
  };
}

/** kind's own way of showing stages: one line per finished stage, ✓ or ✗. */
function progressPrinter(io: CommandIO): (p: Progress) => void {
  return (p) => {
    if (p.state === 'start') return;
    const mark = p.state === 'done' ? '✓' : '✗';
    io.err(` ${mark} ${p.stage}${p.elapsedMs !== undefined ? ` (${p.elapsedMs.toFixed(1)} ms)` : ''}${p.detail ? `: ${p.detail}` : ''}`);
  };
}

function specFromFlags(values: Record<string, unknown>): ClusterSpec {
  const version = String(values.version);
  if (!isKubeVersion(version)) {
    throw new UsageError(`unsupported --version "${version}": use one of ${KUBE_VERSIONS.join(', ')}`);
  }
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 1) throw new UsageError(`--nodes must be a whole number of at least 1, got "${String(values.nodes)}"`);
  const spec: ClusterSpec = { name: String(values.name), version, nodes };
  if (typeof values['feature-gates'] === 'string') spec.featureGates = parseFeatureGates(values['feature-gates']);
  if (typeof values['kubelet-config'] === 'string') {
    try {
      spec.kubeletConfigPatch = readFileSync(values['kubelet-config'], 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --kubelet-config ${values['kubelet-config']}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return spec;
}

/** "A=true,B=false" as component-base's --feature-gates flag parses it. */
export function parseFeatureGates(text: string): Record<string, boolean> {
  const gates: Record<string, boolean> = {};
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const [key, value, ...rest] = item.split('=');
    if (!key || value === undefined || rest.length) throw new UsageError(`invalid argument "${text}" for "--feature-gates" flag: missing bool value for ${key ?? item}`);
    const v = value.trim().toLowerCase();
    if (!['true', 'false', '1', '0', 't', 'f'].includes(v)) {
      throw new UsageError(`invalid argument "${text}" for "--feature-gates" flag: invalid value of ${key.trim()}=${value}, err: strconv.ParseBool: parsing "${value}": invalid syntax`);
    }
    gates[key.trim()] = v === 'true' || v === '1' || v === 't';
  }
  return gates;
}

// `kubelab cluster log`: what the kubelets of a running embedded cluster decided, request by
// request: who called, which SubjectAccessReviews the kubelet made (and which came from its
// cache), RBAC's reason and the status the caller got. Reads the JSON-lines file the
// `kubelab cluster up` process keeps next to the cluster's kubeconfig.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { UsageError, type Command } from '../command.js';
import { dataDir } from '../data-dir.js';
import { DECISION_FILE_NAME, openDecisionFile } from '../../cluster/embedded/kubelet/decisions/decision-file.js';
import { formatDecision } from '../../cluster/embedded/kubelet/decisions/decision-format.js';
import type { KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';

export const clusterLog: Command = {
  path: ['cluster', 'log'],
  summary: "Show the kubelets' authentication and authorization decisions of a running cluster",
  details: [
    'One entry per request to any kubelet of the cluster: the caller, each SubjectAccessReview the',
    "kubelet made (marked when it came from the kubelet's cache) with RBAC's reason, and the status.",
    'With --json, one JSON object per line instead.',
    '',
    'Examples:',
    '  kubelab cluster log --name lab --follow',
    '  kubelab cluster log --kubeconfig ~/.kubelab/clusters/lab/kubeconfig --json --tail 20',
  ].join('\n'),
  options: {
    name: { type: 'string', description: 'Cluster name (as given to `kubelab cluster up --name`)', valueName: 'NAME' },
    kubeconfig: { type: 'string', description: 'The cluster\'s kubeconfig, instead of --name', valueName: 'PATH' },
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
    follow: { type: 'boolean', short: 'f', description: 'Keep printing new decisions until Ctrl-C' },
    json: { type: 'boolean', description: 'Print raw JSON lines' },
    tail: { type: 'string', description: 'Show only the last N existing entries', valueName: 'N' },
  },
  async run(values, _positionals, io) {
    const file = decisionFile(values);
    if (!existsSync(file)) {
      throw new Error(`no kubelet decision log at ${file}: is the cluster running (kubelab cluster up) with that name and data directory?`);
    }
    const tail = values.tail === undefined ? undefined : Number(values.tail);
    if (tail !== undefined && (!Number.isInteger(tail) || tail < 0)) throw new UsageError(`--tail must be a whole number, got "${String(values.tail)}"`);
    const print = (d: KubeletDecision) => {
      if (values.json === true) io.out(JSON.stringify(d));
      else for (const line of formatDecision(d)) io.out(line);
    };
    const log = openDecisionFile(file);
    for (const d of tail === undefined ? log.existing : log.existing.slice(Math.max(0, log.existing.length - tail))) print(d);
    if (values.follow !== true) return 0;
    const follower = log.follow(print);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    follower.stop();
    return 0;
  },
};

function decisionFile(values: Record<string, unknown>): string {
  const name = typeof values.name === 'string' ? values.name : undefined;
  const kubeconfig = typeof values.kubeconfig === 'string' ? values.kubeconfig : undefined;
  if (name && kubeconfig) throw new UsageError('give either --name or --kubeconfig, not both');
  if (name) return join(dataDir(values['data-dir']), 'clusters', name, DECISION_FILE_NAME);
  if (!kubeconfig) throw new UsageError('which cluster? give --name NAME or --kubeconfig PATH');
  // The default kubeconfig sits in the cluster's own directory, next to the log.
  const beside = join(dirname(kubeconfig), DECISION_FILE_NAME);
  if (existsSync(beside)) return beside;
  return join(dataDir(values['data-dir']), 'clusters', clusterNameOf(kubeconfig), DECISION_FILE_NAME);
}

/** The cluster behind the kubeconfig's current context: kind names it kind-<cluster>. */
function clusterNameOf(kubeconfig: string): string {
  let config: { 'current-context'?: string; contexts?: { name: string; context?: { cluster?: string } }[] };
  try {
    config = parse(readFileSync(kubeconfig, 'utf8')) as typeof config;
  } catch (e) {
    throw new UsageError(`cannot read --kubeconfig ${kubeconfig}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const context = config.contexts?.find((c) => c.name === config['current-context']);
  const cluster = context?.context?.cluster ?? '';
  if (!cluster) throw new UsageError(`${kubeconfig} has no current context naming a cluster`);
  return cluster.replace(/^kind-/, '');
}

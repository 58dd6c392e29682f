// `kubelab cluster down NAME|--all`: deletes lab kind clusters (and their per-cluster networks).

import { UsageError, type Command } from '../command.js';
import { dataDir } from '../data-dir.js';
import { KindProvider } from '../../cluster/kind/kind-provider.js';
import { isLabCluster, normalizeKindName } from '../../cluster/kind/names.js';
import { kindProviderOptions } from '../../cluster/kind/settings.js';

export const clusterDown: Command = {
  path: ['cluster', 'down'],
  summary: "Delete a lab kind cluster, or all of them with --all",
  positionals: '[NAME]',
  details: [
    'NAME is the kind name (kubelab-lab-1a2b3c) or the lab id (lab-1a2b3c). Only kubelab- clusters are',
    "touched; other kind clusters on this machine are not. An embedded cluster stops with its",
    '`kubelab cluster up` process (Ctrl-C).',
  ].join('\n'),
  options: {
    all: { type: 'boolean', description: "Delete every lab kind cluster" },
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
  },
  async run(values, positionals, io) {
    const all = values.all === true;
    if (all === (positionals.length > 0)) throw new UsageError('give one cluster NAME or --all');
    if (positionals.length > 1) throw new UsageError(`one NAME at a time, got ${positionals.length}`);
    const provider = new KindProvider(kindProviderOptions(dataDir(values['data-dir']), { live: false }));
    const existing = await provider.list();
    const targets = all ? existing : [normalizeKindName(positionals[0]!)];
    if (!all && !isLabCluster(targets[0]!)) throw new UsageError(`"${positionals[0]!}" is not a lab cluster name`);
    if (!all && !existing.includes(targets[0]!)) {
      io.err(`No lab kind cluster named ${targets[0]!} (see \`kubelab cluster list\`).`);
      return 1;
    }
    if (targets.length === 0) io.err('No lab kind clusters to delete.');
    for (const name of targets) {
      io.err(`Deleting kind cluster ${name} ...`);
      await provider.delete(name);
      io.err(`Deleted ${name}.`);
    }
    return 0;
  },
};

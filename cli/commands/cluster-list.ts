// `kubelab cluster list`: the lab's kind clusters (kubelab-*), with version and nodes.

import type { Command } from '../command.js';
import { dataDir } from '../data-dir.js';
import { KindProvider } from '../../cluster/kind/kind-provider.js';
import { kindProviderOptions } from '../../cluster/kind/settings.js';

export const clusterList: Command = {
  path: ['cluster', 'list'],
  summary: "List the lab's kind clusters (kubelab-*)",
  details: [
    'Lists the kind clusters whose names carry the kubelab- prefix: those `kubelab start --runtime kind`',
    'and `kubelab cluster up --runtime kind` made, including any left from an earlier run. Embedded',
    'clusters live and die with their `kubelab cluster up` process and are not listed.',
    'With --json: [{"name","id","version","nodes":[...],"kubeconfig","createdAt"}].',
  ].join('\n'),
  options: {
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
    json: { type: 'boolean', description: 'Print JSON' },
  },
  async run(values, _positionals, io) {
    const provider = new KindProvider(kindProviderOptions(dataDir(values['data-dir']), { live: false }));
    const clusters = await provider.describe();
    if (values.json === true) {
      io.out(JSON.stringify(clusters.map((c) => ({ name: c.kindName, id: c.id, version: c.version ?? null, nodes: c.nodes, kubeconfig: c.kubeconfigPath ?? null, createdAt: c.createdAt ?? null }))));
      return 0;
    }
    if (clusters.length === 0) {
      io.out('No kubelab kind clusters.');
      return 0;
    }
    const rows = [['NAME', 'VERSION', 'NODES', 'KUBECONFIG'], ...clusters.map((c) => [c.kindName, c.version ? `v${c.version}` : '?', String(c.nodes.length), c.kubeconfigPath ?? '-'])];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const row of rows) io.out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('   '));
    return 0;
  },
};

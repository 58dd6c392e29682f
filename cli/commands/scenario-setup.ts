// `kubelab scenario setup ID --kubeconfig PATH`: a scenario's starting state on a running cluster,
// as the web lab applies it when a learner starts.

import { UsageError, type Command } from '../command.js';
import { dataDir } from '../data-dir.js';
import { kubeClientFromKubeconfig } from '../../server/grading/kube-client.js';
import { clusterVersion } from '../../server/grading/session.js';
import { targetFromKubeconfig } from '../../server/grading/target.js';
import { applySetup } from '../../server/scenarios/setup.js';
import { kubectlForGrading, loadCatalog, pickScenario, SCENARIOS_DIR_OPTION, versionFlag } from './scenario-common.js';

export const scenarioSetup: Command = {
  path: ['scenario', 'setup'],
  summary: "Apply a scenario's setup (manifests and scripts) to a running cluster",
  positionals: 'ID',
  details: [
    "The cluster should match the scenario's cluster spec for its version (nodes, feature gates,",
    'kubelet configuration): start one with `kubelab scenario test` settings or `kubelab cluster up`.',
    '',
    'Example:',
    '  kubelab scenario setup why-nodes-proxy --kubeconfig ~/.kubelab/clusters/lab/kubeconfig',
  ].join('\n'),
  options: {
    kubeconfig: { type: 'string', description: "The cluster's admin kubeconfig", valueName: 'PATH' },
    version: { type: 'string', description: "Which version's setup to apply (default: the cluster's version)", valueName: 'VERSION' },
    'scenarios-dir': SCENARIOS_DIR_OPTION,
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
  },
  async run(values, positionals, io) {
    const id = positionals[0];
    if (!id || positionals.length > 1) throw new UsageError('give exactly one scenario ID (kubelab scenario list)');
    if (typeof values.kubeconfig !== 'string') throw new UsageError('--kubeconfig PATH is required');
    const { root, catalog } = loadCatalog(values['scenarios-dir']);
    const scenario = pickScenario(root, catalog, id);
    const api = kubeClientFromKubeconfig(values.kubeconfig);
    const running = await clusterVersion(api).finally(() => api.close());
    const version = versionFlag(values.version) ?? running;
    if (version !== running) throw new UsageError(`--version ${version} does not match the cluster, which runs v${running}`);
    const target = await targetFromKubeconfig(values.kubeconfig);
    const wanted = scenario.clusters[version]?.nodes ?? 1;
    if (target.nodes.length < wanted) io.err(`warning: "${scenario.id}" expects ${wanted} node(s) on v${version}; this cluster has ${target.nodes.length}`);
    const dir = dataDir(values['data-dir']);
    await applySetup(target, scenario, { kubectl: await kubectlForGrading(dir, io), dataDir: dir, version, log: (line) => io.err(`  ${line}`) });
    const first = target.nodes[0];
    io.out(`Scenario "${scenario.id}" is set up on v${version}. In your shell:`);
    io.out(`  export KUBECONFIG=${values.kubeconfig}`);
    if (first) io.out(`  export NODE_NAME=${first.name} NODE_IP=${first.internalIP} KUBELET_PORT=${first.kubeletPort}`);
    io.out(`Check your work with: kubelab grade --scenario ${scenario.id} --kubeconfig ${values.kubeconfig}`);
    return 0;
  },
};

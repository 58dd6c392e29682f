// `kubelab grade --scenario ID --kubeconfig PATH`: grade a learner's cluster, any running cluster
// whose admin kubeconfig we have (the kubelet endpoints come from its Node objects).
// Exit code 0 only when every graded check passes.

import { UsageError, type Command } from '../command.js';
import { dataDir } from '../data-dir.js';
import { gradeScenario, gradeWithSession } from '../../server/grading/engine.js';
import { formatStepReport } from '../../server/grading/format.js';
import type { StepReport } from '../../server/grading/report.js';
import { GradingSession } from '../../server/grading/session.js';
import { targetFromKubeconfig } from '../../server/grading/target.js';
import { kubectlForGrading, loadCatalog, pickScenario, SCENARIOS_DIR_OPTION } from './scenario-common.js';

export const grade: Command = {
  path: ['grade'],
  summary: "Grade a scenario's step (or all its steps) on a running cluster",
  details: [
    'Every check prints the command that shows the same thing, its output, what was expected and',
    'why. Exit code 0 when every check passes, 1 otherwise. With --json, stdout gets',
    '  {"scenario","version","passed","steps":[{"step","title","passed","checks":[{"id","title","type","passed","command","output","expected","why","trail"?,"note"?,"error"?}]}]}',
    '',
    'Example:',
    '  kubelab grade --scenario why-nodes-proxy --step 1 --kubeconfig ~/.kubelab/clusters/lab/kubeconfig',
  ].join('\n'),
  options: {
    scenario: { type: 'string', description: 'Scenario id (kubelab scenario list)', valueName: 'ID' },
    step: { type: 'string', description: 'Grade only this step (default: every step on the cluster\'s version)', valueName: 'N' },
    kubeconfig: { type: 'string', description: "The cluster's admin kubeconfig", valueName: 'PATH' },
    json: { type: 'boolean', description: 'Print the report as JSON' },
    verbose: { type: 'boolean', short: 'v', description: 'Show details for passing checks too' },
    'answers-dir': { type: 'string', description: 'Where answers written to files are read from (default: the current directory)', valueName: 'DIR' },
    'scenarios-dir': SCENARIOS_DIR_OPTION,
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
  },
  async run(values, _positionals, io) {
    if (typeof values.scenario !== 'string') throw new UsageError('--scenario ID is required');
    if (typeof values.kubeconfig !== 'string') throw new UsageError('--kubeconfig PATH is required');
    const step = values.step === undefined ? undefined : Number(values.step);
    if (step !== undefined && (!Number.isInteger(step) || step < 1)) throw new UsageError(`--step must be a step number (1, 2, ...), got "${String(values.step)}"`);
    const { root, catalog } = loadCatalog(values['scenarios-dir']);
    const scenario = pickScenario(root, catalog, values.scenario);
    const dir = dataDir(values['data-dir']);
    const target = await targetFromKubeconfig(values.kubeconfig);
    const session = await GradingSession.open(target, {
      kubectl: await kubectlForGrading(dir, io),
      dataDir: dir,
      ...(typeof values['answers-dir'] === 'string' ? { answersDir: values['answers-dir'] } : {}),
    });
    let reports: StepReport[];
    try {
      reports = step === undefined ? await gradeScenario(target, scenario, { session }) : [await gradeWithSession(session, scenario, step)];
    } finally {
      session.close();
    }
    const passed = reports.every((r) => r.passed);
    if (values.json === true) io.out(JSON.stringify({ scenario: scenario.id, version: session.version, passed, steps: reports }, null, 2));
    else {
      io.out(`${scenario.title} (${scenario.id}) on v${session.version}`);
      for (const r of reports) io.out(formatStepReport(r, { verbose: values.verbose === true }).join('\n'));
    }
    return passed ? 0 : 1;
  },
};

// `kubelab scenario test [ID...]`: each scenario's self-test on every version it claims, on fresh
// embedded clusters: untouched fails, wrong solutions fail, solutions pass. Progress on stderr, a
// summary table (or --json) on stdout; exit code 0 only when everything holds.

import { UsageError, type Command, type CommandIO } from '../command.js';
import { dataDir } from '../data-dir.js';
import type { KubeVersion } from '../../cluster/versions.js';
import type { Scenario } from '../../server/scenarios/model.js';
import { selfTestScenario, type SelfTestFinding, type SelfTestResult } from '../../server/scenarios/self-test.js';
import { kubectlForGrading, loadCatalog, pickScenario, problemLine, SCENARIOS_DIR_OPTION, versionFlag } from './scenario-common.js';

export const scenarioTest: Command = {
  path: ['scenario', 'test'],
  summary: 'Self-test scenarios on fresh embedded clusters: untouched and wrong solutions fail, solutions pass',
  positionals: '[ID...]',
  details: [
    'For each scenario (default: all) and each version it runs on (or --version): start an embedded',
    'cluster, apply the setup, grade every step untouched (checks marked before: fail must fail),',
    "run the step's solution and grade again (all must pass); run each wrong solution on its own",
    'fresh cluster (its step must fail). Invalid scenarios fail the run.',
  ].join('\n'),
  options: {
    version: { type: 'string', description: 'Test only this version', valueName: 'VERSION' },
    json: { type: 'boolean', description: 'Print the results as JSON' },
    parallel: { type: 'string', description: 'Scenario/version runs at a time', valueName: 'N', default: '1' },
    'scenarios-dir': SCENARIOS_DIR_OPTION,
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
  },
  async run(values, positionals, io) {
    const only = versionFlag(values.version);
    const parallel = Number(values.parallel);
    if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError(`--parallel must be a whole number of at least 1, got "${String(values.parallel)}"`);
    const { root, catalog } = loadCatalog(values['scenarios-dir']);
    const scenarios = positionals.length ? positionals.map((id) => pickScenario(root, catalog, id)) : catalog.scenarios;
    if (!positionals.length) for (const bad of catalog.invalid) for (const p of bad.problems) io.err(problemLine(root, p));
    const runs: [Scenario, KubeVersion][] = scenarios.flatMap((s) => s.versions.filter((v) => !only || v === only).map((v): [Scenario, KubeVersion] => [s, v]));
    if (runs.length === 0) throw new UsageError(only ? `no selected scenario runs on v${only}` : 'no scenarios to test');

    const kubectl = await kubectlForGrading(dataDir(values['data-dir']), io);
    const started = performance.now();
    const results = await inBatches(runs, parallel, async ([scenario, version]) => {
      const result = await selfTestScenario(scenario, version, { kubectl, progress: (line) => io.err(line) });
      io.err(`${result.passed ? '✓' : '✗'} ${scenario.id} v${version} (${(result.durationMs / 1000).toFixed(1)} s)`);
      return result;
    });
    const passed = results.every((r) => r.passed) && (positionals.length > 0 || catalog.invalid.length === 0);
    if (values.json === true) io.out(JSON.stringify({ passed, durationMs: performance.now() - started, invalid: catalog.invalid, results }, null, 2));
    else printSummary(results, performance.now() - started, io);
    return passed ? 0 : 1;
  },
};

async function inBatches<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

function printSummary(results: readonly SelfTestResult[], totalMs: number, io: CommandIO): void {
  for (const r of results) {
    for (const f of r.findings.filter((f) => !f.ok)) {
      io.out(`✗ ${r.scenario} v${r.version} ${f.phase}${f.step ? ` step ${f.step}` : ''}${f.subject ? ` ${f.subject}` : ''}: ${f.message}`);
    }
  }
  const header = ['SCENARIO', 'VERSION', 'RESULT', 'UNTOUCHED', 'SOLUTIONS', 'WRONG', 'GRADE P50', 'TIME'];
  const rows = results.map((r) => {
    const clean = (phase: SelfTestFinding['phase']) => (r.findings.some((f) => f.phase === phase && !f.ok) ? '✗' : '✓');
    const wrong = r.findings.filter((f) => f.phase === 'wrong-solution');
    const wrongCell = wrong.length ? `${wrong.filter((f) => f.ok).length}/${wrong.length} caught` : '-';
    return [r.scenario, r.version, r.passed ? 'pass' : 'FAIL', clean('untouched'), clean('solution'), wrongCell, p50(r.gradeMs), `${(r.durationMs / 1000).toFixed(1)} s`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows]) io.out(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  const failed = results.filter((r) => !r.passed).length;
  io.out(`${results.length - failed}/${results.length} scenario runs passed in ${(totalMs / 1000).toFixed(1)} s`);
}

function p50(values: readonly number[]): string {
  if (!values.length) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  return `${(sorted[Math.floor((sorted.length - 1) / 2)]! / 1000).toFixed(2)} s`;
}

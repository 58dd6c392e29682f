// The self-test runner: the shipped scenarios hold on every version they claim, and a scenario
// whose grader gives credit without work, or passes a wrong solution, is caught.

import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarios } from '../../server/scenarios/loader.js';
import { defaultScenariosDir } from '../../server/scenarios/catalog.js';
import { selfTestScenario } from '../../server/scenarios/self-test.js';
import { minimalScenario, testKubectl, writeTree } from './support.js';

const catalog = loadScenarios(defaultScenariosDir());
// Every shipped scenario on every version it claims: a lesson CI does not grade is a lesson that rots.
const runs = catalog.scenarios.flatMap((s) => s.versions.map((v) => [s.id, v] as const));

// Three at a time: a run mostly waits for kubectl processes, so overlapping runs fill both cores.
describe.concurrent('the shipped scenarios', () => {
  it.each(runs)('%s holds on v%s: untouched fails, wrong solutions fail, solutions pass', async (id, version) => {
    const scenario = catalog.scenarios.find((s) => s.id === id)!;
    const result = await selfTestScenario(scenario, version, { kubectl: await testKubectl() });
    expect(result.findings.filter((f) => !f.ok)).toEqual([]);
    expect(result.passed).toBe(true);
    const wrong = scenario.wrongSolutions.filter((w) => w.versions.includes(version));
    expect(result.findings.filter((f) => f.phase === 'wrong-solution' && f.ok)).toHaveLength(wrong.length);
    expect(result.gradeMs).toHaveLength(scenario.steps.filter((s) => s.versions.includes(version)).length);
  }, 900_000);
});

describe('a scenario with grading bugs', () => {
  it('is caught: credit without work, a wrong solution that passes, a failing solution', async () => {
    const step = [
      'checks:',
      '  - { id: cm-exists, type: resource, title: t, why: w, kind: ConfigMap, name: hello, namespace: tiny, expect: { exists: true } }',
      '  - { id: free, type: resource, title: t, why: w, kind: Namespace, name: default, expect: { exists: true } }',
    ].join('\n');
    const root = writeTree(
      minimalScenario('01-tiny', {
        'steps/01-create.yaml': step,
        // The "wrong" namespace solution also creates the right object: the grader cannot tell.
        'wrong/wrong-namespace.sh': 'set -e\nkubectl create configmap hello -n tiny\n',
      }),
    );
    const loaded = loadScenario(root, '01-tiny');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const result = await selfTestScenario(loaded.scenario, '1.33', { kubectl: await testKubectl() });
    expect(result.passed).toBe(false);
    const failed = result.findings.filter((f) => !f.ok).map((f) => `${f.phase} ${f.subject ?? ''}: ${f.message.split(' (')[0]}`);
    expect(failed).toEqual([
      'untouched free: passes on an untouched cluster, so it gives credit without work',
      'wrong-solution wrong/wrong-namespace.sh: the grader PASSES this wrong solution',
    ]);
    expect(result.findings).toContainEqual(expect.objectContaining({ phase: 'wrong-solution', subject: 'wrong/wrong-name.sh', ok: true }));

    const broken = writeTree(minimalScenario('01-tiny', { 'solutions/01-create.sh': 'echo "oops" >&2\nexit 4\n' }));
    const brokenScenario = loadScenario(broken, '01-tiny');
    if (!brokenScenario.ok) throw new Error('unexpected');
    const second = await selfTestScenario(brokenScenario.scenario, '1.36', { kubectl: await testKubectl() });
    expect(second.findings.filter((f) => !f.ok)).toEqual([
      expect.objectContaining({ phase: 'solution', step: 1, message: 'the solution script exited with 4:\noops' }),
    ]);
  }, 120_000);
});

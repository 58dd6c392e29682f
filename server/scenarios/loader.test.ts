import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarios } from './loader.js';
import { formatProblem } from './problems.js';
import { defaultScenariosDir } from './catalog.js';
import { renderForVersion } from './markdown.js';
import { minimalScenario, writeTree } from '../../test/scenarios/support.js';

/** Loads one scenario folder built from the minimal scenario with some files replaced. */
function problemsOf(overrides: Record<string, string | undefined>): string[] {
  const root = writeTree(minimalScenario('01-tiny', overrides));
  const loaded = loadScenario(root, '01-tiny');
  return loaded.ok ? [] : loaded.problems.map(formatProblem);
}

describe('the shipped scenarios', () => {
  const catalog = loadScenarios(defaultScenariosDir());

  it('all load without problems', () => {
    expect(catalog.invalid.flatMap((i) => i.problems.map(formatProblem))).toEqual([]);
    expect(catalog.scenarios.map((s) => s.id)).toEqual(expect.arrayContaining(['why-nodes-proxy', 'least-privilege-monitoring', 'can-i-trap']));
  });

  it('never show a can-i check in the nodes/SUBRESOURCE name form', () => {
    for (const s of catalog.scenarios) {
      for (const step of s.steps) {
        for (const checks of Object.values(step.checks)) {
          for (const c of checks ?? []) if (c.type === 'can-i') expect(c.resource, `${s.id} step ${step.number} ${c.id}`).not.toContain('/');
        }
      }
    }
  });

  it('give every step of every version a check an untouched cluster fails', () => {
    for (const s of catalog.scenarios) {
      for (const step of s.steps) for (const v of step.versions) expect((step.checks[v] ?? []).some((c) => c.before === 'fail'), `${s.id} step ${step.number} v${v}`).toBe(true);
    }
  });

  it('resolve per-version overrides: scenario 1 expects 403 on 1.31 and 200 on 1.33', () => {
    const s = catalog.scenarios.find((x) => x.id === 'why-nodes-proxy')!;
    const check = (v: '1.31' | '1.33') => s.steps[0]!.checks[v]!.find((c) => c.id === 'kubelet-pods');
    expect(check('1.31')).toMatchObject({ type: 'kubelet', expect: { status: 403 } });
    expect(check('1.33')).toMatchObject({ type: 'kubelet', expect: { status: 200 } });
  });

  it('lower the kubelet webhook caches unless a scenario keeps the defaults', () => {
    for (const s of catalog.scenarios) for (const c of Object.values(s.clusters)) expect(c?.kubeletConfigPatch).toContain('cacheUnauthorizedTTL: 1s');
  });

  it('render version blocks of the step text for one version only', () => {
    const s = catalog.scenarios.find((x) => x.id === 'why-nodes-proxy')!;
    const text = s.steps[0]!.markdown;
    expect(renderForVersion(text, '1.31')).toContain('RBAC said yes, yet the kubelet refuses');
    expect(renderForVersion(text, '1.33')).not.toContain('RBAC said yes, yet the kubelet refuses');
    expect(renderForVersion(text, '1.33')).not.toContain(':::');
  });
});

describe('validation problems, each with file:line and a fix', () => {
  it('accepts the minimal scenario', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('reports YAML syntax errors at their line', () => {
    const yaml = minimalScenario()['01-tiny/steps/01-create.yaml']!.replace('    why: The step asks for it.', '    why: The kubelet says: no.');
    expect(problemsOf({ 'steps/01-create.yaml': yaml })).toEqual([
      expect.stringMatching(/^01-tiny\/steps\/01-create\.yaml:11: YAML syntax: .* — fix the YAML: check indentation, and quote text that contains ": "/),
    ]);
  });

  it('reports an unknown field at its line and lists the allowed ones', () => {
    const yaml = minimalScenario()['01-tiny/steps/01-create.yaml']!.replace('    namespace: tiny', '    namespace: tiny\n    namespce: tiny');
    const [p] = problemsOf({ 'steps/01-create.yaml': yaml });
    expect(p).toMatch(/^01-tiny\/steps\/01-create\.yaml:10: unknown field "namespce" in checks\.0 — remove it or correct the spelling; allowed here: id, title, why, before, versions, type, kind, name, namespace, expect$/);
  });

  it('reports a missing required field with what to write', () => {
    const meta = minimalScenario()['01-tiny/scenario.yaml']!.replace('minutes: 5\n', '');
    expect(problemsOf({ 'scenario.yaml': meta })).toEqual(['01-tiny/scenario.yaml:1: missing required field minutes — add minutes: the expected time in minutes, 1 to 240']);
  });

  it('refuses the nodes/proxy name form in a can-i check', () => {
    const yaml = [
      'checks:',
      '  - id: trap',
      '    type: can-i',
      '    title: t',
      '    why: w',
      '    verb: get',
      '    resource: nodes/proxy',
      '    as: system:serviceaccount:a:b',
      '    expect: "no"',
    ].join('\n');
    const [p] = problemsOf({ 'steps/01-create.yaml': yaml });
    expect(p).toMatch(/^01-tiny\/steps\/01-create\.yaml:7: checks\.0\.resource: a resource has no "\/": `kubectl auth can-i get nodes\/proxy` asks about a node NAMED proxy/);
  });

  it('names an unknown check type and the known ones', () => {
    const yaml = minimalScenario()['01-tiny/steps/01-create.yaml']!.replace('type: resource', 'type: kubelet-ws');
    expect(problemsOf({ 'steps/01-create.yaml': yaml })).toEqual([
      '01-tiny/steps/01-create.yaml:5: unknown check type "kubelet-ws" — set type to one of can-i, kubelet, kubelet-exec, resource, no-grant, answer, shell',
    ]);
  });

  it('refuses a step that an untouched cluster would pass', () => {
    const yaml = minimalScenario()['01-tiny/steps/01-create.yaml']! + '    before: pass\n';
    expect(problemsOf({ 'steps/01-create.yaml': yaml })).toEqual([
      expect.stringMatching(/^01-tiny\/steps\/01-create\.yaml:3: on v1\.33, no check of step 1 fails on an untouched cluster/),
      expect.stringMatching(/^01-tiny\/steps\/01-create\.yaml:3: on v1\.36, no check of step 1 fails/),
    ]);
  });

  it('points a bad per-version override at the override line', () => {
    const yaml = minimalScenario()['01-tiny/steps/01-create.yaml']! + '    on:\n      "1.36":\n        expect: { exists: maybe }\n';
    expect(problemsOf({ 'steps/01-create.yaml': yaml })).toEqual([expect.stringMatching(/^01-tiny\/steps\/01-create\.yaml:14: checks\.0\.expect/)]);
  });

  it('checks feature gates per version, as the components do', () => {
    const meta = minimalScenario()['01-tiny/scenario.yaml']!.replace('  "1.36": {}', '  "1.36": { featureGates: { KubeletFineGrainedAuthz: false } }');
    expect(problemsOf({ 'scenario.yaml': meta })).toEqual([
      '01-tiny/scenario.yaml:8: v1.36: cannot set feature gate KubeletFineGrainedAuthz to false, feature is locked to true — remove the gate or set it only on the versions that accept it (under versions:)',
    ]);
  });

  it('checks the KubeletConfiguration patch as the kubelet decodes it', () => {
    const meta = minimalScenario()['01-tiny/scenario.yaml']!.replace('setup:', 'cluster:\n  kubeletConfig:\n    authorization: { mode: Sometimes }\nsetup:');
    expect(problemsOf({ 'scenario.yaml': meta })).toEqual([
      '01-tiny/scenario.yaml:10: v1.33: the kubelet would not start: unknown authorization mode Sometimes — correct the KubeletConfiguration patch',
      '01-tiny/scenario.yaml:10: v1.36: the kubelet would not start: unknown authorization mode Sometimes — correct the KubeletConfiguration patch',
    ]);
  });

  it('reports missing and stray files', () => {
    const problems = problemsOf({ 'solutions/01-create.sh': undefined, 'setup/99-forgotten.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n' });
    expect(problems).toEqual([
      '01-tiny/solutions/01-create.sh: step 1 has no solution script — create solutions/01-create.sh (bash, run with KUBECONFIG set)',
      '01-tiny/setup/99-forgotten.yaml: is not listed under setup in scenario.yaml — list it under setup or delete it',
    ]);
  });

  it('requires two wrong solutions per version', () => {
    const meta = minimalScenario()['01-tiny/scenario.yaml']!.replace(/ {2}- file: wrong\/wrong-namespace\.sh[\s\S]*$/, '');
    const problems = problemsOf({ 'scenario.yaml': meta, 'wrong/wrong-namespace.sh': undefined });
    expect(problems).toEqual([
      '01-tiny/scenario.yaml:11: v1.33 has 1 wrong solution(s); every version needs at least 2 — add plausible mistakes (e.g. granting nodes/proxy, or nodes/*) under wrongSolutions',
      '01-tiny/scenario.yaml:11: v1.36 has 1 wrong solution(s); every version needs at least 2 — add plausible mistakes (e.g. granting nodes/proxy, or nodes/*) under wrongSolutions',
    ]);
  });

  it('checks that failsChecks names real checks', () => {
    const meta = minimalScenario()['01-tiny/scenario.yaml']!.replace('failsChecks: [cm-exists]', 'failsChecks: [cm-exist]');
    expect(problemsOf({ 'scenario.yaml': meta })[0]).toBe('01-tiny/scenario.yaml:15: failsChecks names "cm-exist", which step 1 has no check for on v1.33 — use ids of step 1\'s checks');
  });

  it('checks version blocks in markdown', () => {
    expect(problemsOf({ 'steps/01-create.md': '# Create\n\n::: only 1.31\nold\n:::\n::: only 1.33\nnever closed\n' })).toEqual([
      '01-tiny/steps/01-create.md:3: "::: only" names version "1.31", which this scenario does not run on — use one of 1.33, 1.36',
      '01-tiny/steps/01-create.md:6: "::: only" block is never closed — end it with a line holding only ":::"',
    ]);
  });

  it('checks setup manifests', () => {
    expect(problemsOf({ 'setup/00-ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {}\n' })).toEqual([
      '01-tiny/setup/00-ns.yaml:1: Namespace without metadata.name — add metadata: {name: ...}',
    ]);
  });

  it('checks JSONPath and kinds of resource checks', () => {
    const yaml = minimalScenario()['01-tiny/steps/01-create.yaml']!.replace('kind: ConfigMap', 'kind: Deployment');
    expect(problemsOf({ 'steps/01-create.yaml': yaml })[0]).toMatch(/^01-tiny\/steps\/01-create\.yaml:7: kind "Deployment" is not one the grader reads — use one of Namespace, /);
    const bad = minimalScenario()['01-tiny/steps/01-create.yaml']!.replace('expect: { exists: true }', 'expect: { jsonPath: "{..name}", equals: x }');
    expect(problemsOf({ 'steps/01-create.yaml': bad })[0]).toMatch(/^01-tiny\/steps\/01-create\.yaml:10: recursive descent/);
  });
});

describe('a catalog with a broken scenario', () => {
  it('keeps the valid ones and reports the broken one', () => {
    const root = writeTree({ ...minimalScenario('01-tiny'), ...minimalScenario('02-broken', { 'scenario.yaml': 'id: broken\ntitle: [\n' }) });
    const catalog = loadScenarios(root);
    expect(catalog.scenarios.map((s) => s.id)).toEqual(['tiny']);
    expect(catalog.invalid).toEqual([{ folder: '02-broken', problems: [expect.objectContaining({ file: '02-broken/scenario.yaml', line: 3 })] }]);
  });

  it('refuses a second scenario with the same id', () => {
    const root = writeTree({ ...minimalScenario('01-tiny'), ...minimalScenario('tiny') });
    const catalog = loadScenarios(root);
    expect(catalog.scenarios).toHaveLength(1);
    expect(catalog.invalid[0]?.problems[0]?.message).toContain('id "tiny" is also used by 01-tiny');
  });
});

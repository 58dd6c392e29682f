// Every check type against live embedded clusters, through the engine as the CLI and the web lab
// call it: what passes, what fails, and what the report tells the learner.

import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import type { KubeVersion } from '../../cluster/versions.js';
import { loadScenario } from '../scenarios/loader.js';
import type { Scenario } from '../scenarios/model.js';
import type { KubeletCheck } from '../scenarios/schema.js';
import { minimalScenario, startCluster, testKubectl, writeTree } from '../../test/scenarios/support.js';
import { runKubelet } from './checks/kubelet.js';
import { gradeStep } from './engine.js';
import type { CheckResult } from './report.js';
import { GradingRun, GradingSession } from './session.js';
import { targetFromKubeconfig, type GradingTarget } from './target.js';

const FIXTURE = `
apiVersion: v1
kind: Namespace
metadata: { name: monitoring }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: prometheus, namespace: monitoring }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: debugger, namespace: monitoring }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pod-reader }
rules: [{ apiGroups: [""], resources: ["nodes/pods"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: prometheus-pods }
subjects: [{ kind: ServiceAccount, name: prometheus, namespace: monitoring }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: any-proxy }
rules: [{ apiGroups: [""], resources: ["*/proxy"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ops-any-proxy }
subjects: [{ kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: any-proxy }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: debugger-proxy }
subjects: [{ kind: ServiceAccount, name: debugger, namespace: monitoring }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: any-proxy }
---
apiVersion: v1
kind: Namespace
metadata: { name: kubelab }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: answers, namespace: kubelab }
data: { status: " 403 \\n", checks: "Pods Proxy" }
---
apiVersion: v1
kind: Namespace
metadata: { name: payments }
---
apiVersion: v1
kind: Pod
metadata: { name: checkout, namespace: payments }
spec: { containers: [{ name: app, image: nginx:1.27 }] }
`;

const PROMETHEUS = 'system:serviceaccount:monitoring:prometheus';

/** A one-step scenario holding `checks` (YAML list items), loaded through the real loader. */
function scenarioWith(checks: string, versions: KubeVersion[], extraFiles: Record<string, string> = {}): Scenario {
  const meta = minimalScenario()['01-tiny/scenario.yaml']!
    .replace('  "1.33": {}\n  "1.36": {}', versions.map((v) => `  "${v}": {}`).join('\n'))
    .replace('    failsChecks: [cm-exists]\n', '');
  const step = `checks:\n${checks}`;
  const files = Object.fromEntries(Object.entries(extraFiles).map(([p, c]) => [`01-tiny/${p}`, c]));
  const root = writeTree({ ...minimalScenario('01-tiny', { 'scenario.yaml': meta, 'steps/01-create.yaml': step }), ...files });
  const loaded = loadScenario(root, '01-tiny');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  return loaded.scenario;
}

/** Real kubectl, asynchronously: the embedded API server answers from this very process. */
async function kubectl(cluster: EmbeddedCluster, args: string[], input?: string): Promise<string> {
  const path = await testKubectl();
  return new Promise((done, fail) => {
    const child = execFile(path, ['--kubeconfig', cluster.kubeconfigPath, ...args], (err, stdout, stderr) =>
      err ? fail(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`)) : done(stdout),
    );
    child.stdin?.end(input ?? '');
  });
}

async function grade(cluster: EmbeddedCluster, scenario: Scenario, answersDir?: string): Promise<Record<string, CheckResult>> {
  const report = await gradeStep(cluster, scenario, 1, { kubectl: await testKubectl(), dataDir: dataDir(), ...(answersDir ? { answersDir } : {}) });
  return Object.fromEntries(report.checks.map((c) => [c.id, c]));
}

let scratch: string | undefined;
function dataDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'kubelab-grading-data-'));
  return scratch;
}

describe.each(['1.31', '1.33'] as const)('checks on v%s', (version) => {
  let cluster: EmbeddedCluster;
  beforeAll(async () => {
    cluster = await startCluster(version);
    await kubectl(cluster, ['apply', '-f', '-'], FIXTURE);
  });
  afterAll(() => cluster?.delete());

  it('can-i runs the real kubectl with --subresource and -A, and shows that command', async () => {
    const s = scenarioWith(
      [
        `  - { id: pods, type: can-i, title: t, why: w, verb: get, resource: nodes, subresource: pods, allNamespaces: true, as: "${PROMETHEUS}", expect: "yes" }`,
        `  - { id: proxy, type: can-i, title: t, why: w, verb: get, resource: nodes, subresource: proxy, allNamespaces: true, as: "${PROMETHEUS}", expect: "yes" }`,
      ].join('\n'),
      [version],
    );
    const r = await grade(cluster, s);
    expect(r.pods).toMatchObject({ passed: true, output: 'yes', command: `kubectl auth can-i get nodes --subresource=pods -A --as=${PROMETHEUS}` });
    expect(r.proxy).toMatchObject({ passed: false, output: 'no', expected: 'yes' });
    expect(r.proxy!.command).not.toContain('nodes/');
  });

  it('kubelet calls the node with a fresh token and explains the answer with the kubelet\'s own trail', async () => {
    const s = scenarioWith(`  - { id: pods, type: kubelet, title: t, why: w, serviceAccount: monitoring/prometheus, path: /pods, expect: { status: 200, bodyContains: checkout } }`, [version]);
    const { pods } = await grade(cluster, s);
    if (version === '1.31') {
      expect(pods).toMatchObject({ passed: false, output: `HTTP 403\nForbidden (user=${PROMETHEUS}, verb=get, resource=nodes, subresource=proxy)` });
      expect(pods!.trail).toEqual([expect.objectContaining({ verb: 'get', subresource: 'proxy', allowed: false })]);
      expect(pods!.trail![0]!.details?.[0]).toContain('ClusterRoleBinding prometheus-pods');
    } else {
      expect(pods!.passed).toBe(true);
      expect(pods!.trail).toEqual([
        expect.objectContaining({ verb: 'get', subresource: 'pods', allowed: true, reason: expect.stringContaining('ClusterRoleBinding "prometheus-pods" of ClusterRole "pod-reader"') }),
      ]);
      expect(pods!.why).toContain('The kubelet asked, in order: get nodes/pods → allowed');
    }
    expect(pods!.command).toBe(
      `TOKEN=$(kubectl create token prometheus -n monitoring)\ncurl -sk -w '\\nHTTP %{http_code}\\n' -H "Authorization: Bearer $TOKEN" https://${cluster.nodes[0]!.internalIP}:${cluster.nodes[0]!.kubeletPort}/pods`,
    );
  });

  it('kubelet says why when the request never reached authorization', async () => {
    const s = scenarioWith(
      [
        `  - { id: anonymous, type: kubelet, title: t, why: w, path: /pods, expect: { status: 401 } }`,
        `  - { id: casing, type: kubelet, title: t, why: w, serviceAccount: monitoring/prometheus, path: /runningPods/, expect: { status: 404 } }`,
      ].join('\n'),
      [version],
    );
    const r = await grade(cluster, s);
    expect(r.anonymous).toMatchObject({ passed: true, output: 'HTTP 401\nUnauthorized' });
    expect(r.anonymous!.why).toContain('did not authenticate the caller (401)');
    expect(r.casing).toMatchObject({ passed: true });
    expect(r.casing!.why).toContain('404 before authentication');
  });

  it('kubelet-exec: nodes/pods does not open exec, a */proxy grant does', async () => {
    const s = scenarioWith(
      [
        `  - { id: prometheus, type: kubelet-exec, title: t, why: w, serviceAccount: monitoring/prometheus, pod: payments/checkout, expect: denied }`,
        `  - { id: debugger, type: kubelet-exec, title: t, why: w, serviceAccount: monitoring/debugger, pod: payments/checkout, expect: allowed }`,
      ].join('\n'),
      [version],
    );
    const r = await grade(cluster, s);
    expect(r.prometheus).toMatchObject({ passed: true, trail: [expect.objectContaining({ subresource: 'proxy', allowed: false })] });
    expect(r.prometheus!.output).toMatch(/^HTTP 403\nForbidden/);
    expect(r.debugger).toMatchObject({ passed: true, trail: [expect.objectContaining({ verb: 'get', subresource: 'proxy', allowed: true })] });
    expect(r.debugger!.command).toContain("-H 'Upgrade: websocket'");
  });

  it('resource prints what kubectl -o jsonpath prints', async () => {
    const s = scenarioWith(
      [
        `  - { id: role, type: resource, title: t, why: w, kind: ClusterRoleBinding, name: prometheus-pods, expect: { jsonPath: "{.roleRef.name}", equals: pod-reader } }`,
        `  - { id: subjects, type: resource, title: t, why: w, kind: ClusterRoleBinding, name: ops-any-proxy, expect: { jsonPath: "{.subjects[0]}", contains: ops } }`,
        `  - { id: filtered, type: resource, title: t, why: w, kind: ClusterRoleBinding, name: prometheus-pods, expect: { jsonPath: '{.subjects[?(@.kind=="ServiceAccount")].namespace}', equals: monitoring } }`,
        `  - { id: gone, type: resource, title: t, why: w, kind: ConfigMap, name: nope, namespace: kubelab, expect: { exists: false } }`,
        `  - { id: there, type: resource, title: t, why: w, kind: ConfigMap, name: nope, namespace: kubelab, expect: { exists: true } }`,
      ].join('\n'),
      [version],
    );
    const r = await grade(cluster, s);
    expect(r.role).toMatchObject({ passed: true, command: "kubectl get clusterrolebinding prometheus-pods -o 'jsonpath={.roleRef.name}'" });
    for (const [id, name, path] of [
      ['subjects', 'ops-any-proxy', '{.subjects[0]}'],
      ['filtered', 'prometheus-pods', '{.subjects[?(@.kind=="ServiceAccount")].namespace}'],
    ] as const) {
      expect(r[id]!.output, id).toBe(await kubectl(cluster, ['get', 'clusterrolebinding', name, '-o', `jsonpath=${path}`]));
    }
    expect(r.gone).toMatchObject({ passed: true, output: 'Error from server (NotFound): configmaps "nope" not found' });
    expect(r.there).toMatchObject({ passed: false });
  });

  it('answer compares trimmed and case-insensitively, and hides the accepted answer until found', async () => {
    const answers = mkdtempSync(join(tmpdir(), 'kubelab-answers-'));
    writeFileSync(join(answers, 'q.txt'), 'PROXY\n');
    const s = scenarioWith(
      [
        `  - { id: status, type: answer, title: t, why: w, key: status, expect: { equals: "403" } }`,
        `  - { id: checks, type: answer, title: t, why: w, key: checks, expect: { matches: '^pods[ ,]+proxy$' } }`,
        `  - { id: wrong, type: answer, title: t, why: w, key: status, expect: { equals: ["200", "OK"] } }`,
        `  - { id: missing, type: answer, title: t, why: w, key: nothing, expect: { equals: "x" } }`,
        `  - { id: file, type: answer, title: t, why: w, key: q, file: q.txt, expect: { equals: proxy } }`,
      ].join('\n'),
      [version],
    );
    const r = await grade(cluster, s, answers);
    expect(r.status).toMatchObject({ passed: true, expected: 'an accepted answer ("403")' });
    expect(r.checks!.passed).toBe(true);
    expect(r.wrong).toMatchObject({ passed: false, expected: 'an accepted answer for "status" (shown once you have it)' });
    expect(r.missing).toMatchObject({ passed: false, output: '(no "nothing" key yet)' });
    expect(r.file).toMatchObject({ passed: true, command: `cat ${join(answers, 'q.txt')}` });
  });

  it('answer files are read only as plain files inside the answers folder, never through a link', async () => {
    const answers = mkdtempSync(join(tmpdir(), 'kubelab-answers-'));
    const outside = mkdtempSync(join(tmpdir(), 'kubelab-secret-'));
    writeFileSync(join(outside, 'secret'), 'proxy');
    symlinkSync(join(outside, 'secret'), join(answers, 'q.txt'));
    symlinkSync(outside, join(answers, 'dir'));
    const s = scenarioWith(
      [
        `  - { id: link, type: answer, title: t, why: w, key: q, file: q.txt, expect: { equals: proxy } }`,
        `  - { id: dirlink, type: answer, title: t, why: w, key: q, file: dir/secret, expect: { equals: proxy } }`,
        `  - { id: escape, type: answer, title: t, why: w, key: q, file: ../${basename(outside)}/secret, expect: { equals: proxy } }`,
      ].join('\n'),
      [version],
    );
    const r = await grade(cluster, s, answers);
    expect(r.link).toMatchObject({ passed: false, output: expect.stringContaining('a link: write the answer into the file itself') });
    expect(r.dirlink).toMatchObject({ passed: false, output: expect.stringContaining('its folder is a link out of your home folder') });
    expect(r.escape).toMatchObject({ passed: false, output: expect.stringContaining('outside your home folder') });
  });

  it('no-grant finds grants through */proxy and groups, and exempts the control plane unless told not to', async () => {
    const s = scenarioWith(
      [
        `  - { id: everyone, type: no-grant, title: t, why: w, verb: get, resource: nodes, subresource: proxy }`,
        `  - { id: allowed, type: no-grant, title: t, why: w, verb: get, resource: nodes, subresource: proxy, except: ["Group:ops", "ServiceAccount:monitoring/debugger"] }`,
        `  - { id: prometheus, type: no-grant, title: t, why: w, verb: get, resource: nodes, subresource: proxy, subjects: ["ServiceAccount:monitoring/prometheus"] }`,
        `  - { id: strict, type: no-grant, title: t, why: w, verb: get, resource: nodes, subresource: proxy, except: ["Group:ops", "ServiceAccount:monitoring/debugger"], allowControlPlane: false }`,
      ].join('\n'),
      [version],
    );
    const r = await grade(cluster, s);
    expect(r.everyone!.passed).toBe(false);
    expect(r.everyone!.output.split('\n').sort()).toEqual([
      expect.stringMatching(/^Group:ops can \(RBAC: allowed by ClusterRoleBinding "ops-any-proxy"/),
      expect.stringMatching(/^ServiceAccount:monitoring\/debugger can /),
    ]);
    expect(r.everyone!.command).toContain('kubectl auth can-i get nodes --subresource=proxy -A --as=kubelab:group-member --as-group=ops');
    expect(r.allowed!.passed).toBe(true);
    expect(r.prometheus!.passed).toBe(true);
    // The bootstrap policy gives the garbage collector "*" on every resource: nodes/proxy too.
    expect(r.strict!.output).toContain('ServiceAccount:kube-system/generic-garbage-collector can');
    expect(r.strict!.output).toContain('Group:system:masters can');
  });

  it('shell runs the scenario script with the cluster environment; exit 0 passes', async () => {
    const s = scenarioWith(
      [
        `  - { id: ok, type: shell, title: t, why: w, script: checks/ok.sh }`,
        `  - { id: bad, type: shell, title: t, why: w, script: checks/bad.sh }`,
      ].join('\n'),
      [version],
      {
        'checks/ok.sh': 'set -e\nkubectl get namespace monitoring -o name\necho "node $NODE_NAME at $NODE_IP:$KUBELET_PORT on $KUBE_VERSION"\n',
        'checks/bad.sh': 'echo "no luck" >&2\nexit 3\n',
      },
    );
    const r = await grade(cluster, s);
    const node = cluster.nodes[0]!;
    expect(r.ok).toMatchObject({ passed: true, output: `namespace/monitoring\nnode ${node.name} at ${node.internalIP}:${node.kubeletPort} on ${version}` });
    expect(r.bad).toMatchObject({ passed: false, output: 'no luck' });
  });

  it('replays the kubelet\'s authorization with SubjectAccessReviews where the cluster keeps no decision log', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'kubelab-bare-'));
    copyFileSync(cluster.kubeconfigPath, join(elsewhere, 'kubeconfig'));
    const bare: GradingTarget = { kubeconfigPath: join(elsewhere, 'kubeconfig'), nodes: cluster.nodes, kubeletRequest: (node, req) => cluster.kubeletRequest(node, req) };
    const s = scenarioWith(
      [
        `  - { id: pods, type: kubelet, title: t, why: w, serviceAccount: monitoring/prometheus, path: /pods, expect: { status: 200 } }`,
        `  - { id: exec, type: kubelet-exec, title: t, why: w, serviceAccount: monitoring/debugger, pod: payments/checkout, expect: allowed }`,
        `  - { id: metrics, type: kubelet, title: t, why: w, serviceAccount: monitoring/debugger, path: /metrics, expect: { status: 403 } }`,
      ].join('\n'),
      [version],
    );
    const replayed = await gradeStep(bare, s, 1, { kubectl: await testKubectl(), dataDir: dataDir() });
    const logged = await grade(cluster, s);
    const essentials = (c: CheckResult | undefined) => ({ passed: c?.passed, trail: c?.trail?.map((a) => ({ verb: a.verb, subresource: a.subresource, allowed: a.allowed, reason: a.reason })) });
    for (const c of replayed.checks) expect(essentials(c), c.id).toEqual(essentials(logged[c.id]));
    expect(replayed.checks.map((c) => c.trail?.map((a) => a.subresource))).toEqual([version === '1.31' ? ['proxy'] : ['pods'], ['proxy'], ['metrics']]);
  });

  it('grades the same through a kubeconfig alone, with kubelet endpoints read from the Node objects', async () => {
    const target = await targetFromKubeconfig(cluster.kubeconfigPath);
    expect(target.nodes).toEqual(cluster.nodes.map((n) => ({ name: n.name, internalIP: n.internalIP, kubeletPort: n.kubeletPort, role: n.role })));
    const s = scenarioWith(`  - { id: pods, type: kubelet, title: t, why: w, serviceAccount: monitoring/prometheus, path: /pods, expect: { status: 200 } }`, [version]);
    const report = await gradeStep(target, s, 1, { kubectl: await testKubectl(), dataDir: dataDir() });
    const direct = await grade(cluster, s);
    const [viaKubeconfig] = report.checks;
    expect(viaKubeconfig!.passed).toBe(version === '1.33');
    expect(viaKubeconfig!.output.split('\n')[0]).toBe(direct.pods!.output.split('\n')[0]);
    // The trail comes from the decision file next to the kubeconfig: the same, details included.
    expect(viaKubeconfig!.trail).toEqual(direct.pods!.trail);
  });
});

describe('the engine', () => {
  let cluster: EmbeddedCluster;
  beforeAll(async () => {
    cluster = await startCluster('1.33');
  });
  afterAll(() => cluster?.delete());

  it('runs the checks of a step concurrently', async () => {
    const s = scenarioWith(
      [1, 2, 3].map((i) => `  - { id: s${i}, type: shell, title: t, why: w, script: checks/sleep.sh }`).join('\n'),
      ['1.33'],
      { 'checks/sleep.sh': 'sleep 1\n' },
    );
    const started = performance.now();
    const report = await gradeStep(cluster, s, 1, { kubectl: await testKubectl(), dataDir: dataDir() });
    expect(report.passed).toBe(true);
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it('reports a check that cannot run as an error, without failing the others', async () => {
    const s = scenarioWith(
      [
        `  - { id: ghost, type: kubelet-exec, title: t, why: w, serviceAccount: default/default, pod: payments/ghost, expect: denied }`,
        `  - { id: ns, type: resource, title: t, why: w, kind: Namespace, name: default, expect: { exists: true } }`,
      ].join('\n'),
      ['1.33'],
    );
    const r = await grade(cluster, s);
    expect(r.ghost).toMatchObject({ passed: false, error: expect.stringContaining('404') });
    expect(r.ns!.passed).toBe(true);
  });

  it('refuses a step or version the scenario does not have', async () => {
    const s = scenarioWith(`  - { id: ns, type: resource, title: t, why: w, kind: Namespace, name: default, expect: { exists: true } }`, ['1.36']);
    await expect(gradeStep(cluster, s, 1, { kubectl: await testKubectl(), dataDir: dataDir() })).rejects.toThrow('scenario "tiny" does not run on v1.33: it runs on 1.36');
    const t = scenarioWith(`  - { id: ns, type: resource, title: t, why: w, kind: Namespace, name: default, expect: { exists: true } }`, ['1.33']);
    await expect(gradeStep(cluster, t, 2, { kubectl: await testKubectl(), dataDir: dataDir() })).rejects.toThrow('has no step 2');
  });
});

describe('a kubelet decision cached before an RBAC fix', () => {
  let cluster: EmbeddedCluster;
  beforeAll(async () => {
    cluster = await startCluster('1.33', {
      kubeletConfigPatch: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthorization:\n  webhook:\n    cacheAuthorizedTTL: 2s\n    cacheUnauthorizedTTL: 2s\n',
    });
    await kubectl(cluster, ['create', 'namespace', 'monitoring']);
    await kubectl(cluster, ['create', 'serviceaccount', 'late', '-n', 'monitoring']);
  });
  afterAll(() => cluster?.delete());

  it('is waited out, and the report says so', async () => {
    const s = scenarioWith(`  - { id: pods, type: kubelet, title: t, why: w, serviceAccount: monitoring/late, path: /pods, expect: { status: 200 } }`, ['1.33']);
    const check = s.steps[0]!.checks['1.33']![0] as KubeletCheck;
    const waits: number[] = [];
    const session = await GradingSession.open(cluster, {
      kubectl: await testKubectl(),
      dataDir: dataDir(),
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    try {
      // One run, one token: the kubelet caches the denial under that token's identity.
      const run = new GradingRun(session, s);
      const before = await runKubelet(check, run);
      expect(before).toMatchObject({ passed: false, output: expect.stringMatching(/^HTTP 403/) });
      await kubectl(cluster, ['create', 'clusterrolebinding', 'late-pods', '--clusterrole=system:kubelet-api-admin', '--serviceaccount=monitoring:late']);
      const after = await runKubelet(check, run);
      expect(after.passed).toBe(true);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(0);
      expect(waits[0]).toBeLessThanOrEqual(2250);
      expect(after.note).toMatch(/^The kubelet first answered 403 from a decision it had cached before the last RBAC change\. The grader waited [\d.]+ (s|ms) for that cache entry to expire and asked again\.$/);
    } finally {
      session.close();
    }
  });
});

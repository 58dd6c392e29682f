// The scenario and grade commands, called in-process through main() as `kubelab ...` runs them.

import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import type { EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { loadScenarios } from '../../server/scenarios/loader.js';
import { defaultScenariosDir } from '../../server/scenarios/catalog.js';
import { clusterSpecFor } from '../../server/scenarios/cluster-spec.js';
import { startEmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { minimalScenario, writeTree } from './support.js';

async function kubelab(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-cli-'));

describe('kubelab scenario list / validate', () => {
  it('lists the shipped scenarios as a table and as JSON', async () => {
    const table = await kubelab('scenario', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+TITLE\s+LEVEL\s+MINUTES\s+VERSIONS\s+STEPS$/);
    expect(table.stdout).toMatch(/why-nodes-proxy\s+Why nodes\/proxy was the only option\s+beginner\s+20\s+1\.31,1\.33\s+2/);
    const json = await kubelab('scenario', 'list', '--json');
    const rows = JSON.parse(json.stdout) as { id: string; versions: string[]; steps: unknown[] }[];
    expect(rows.find((r) => r.id === 'least-privilege-monitoring')).toMatchObject({ versions: ['1.31', '1.33', '1.36'], steps: [{}, {}, {}] });
  });

  it('validates the shipped scenarios', async () => {
    const r = await kubelab('scenario', 'validate');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\d+ valid scenario\(s\) in /);
  });

  it('reports every problem of a broken folder as file:line and exits 1', async () => {
    const root = writeTree({
      ...minimalScenario('01-tiny'),
      ...minimalScenario('02-bad', { 'scenario.yaml': minimalScenario()['01-tiny/scenario.yaml']!.replace('id: tiny', 'id: bad').replace('difficulty: beginner', 'difficulty: hard') }),
    });
    const r = await kubelab('scenario', 'validate', root);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/02-bad\/scenario\.yaml:4: difficulty has a value that is not allowed — use beginner, intermediate or advanced$/)]);
    expect(r.stderr).toContain('1 valid scenario(s), 1 invalid with 1 problem(s)');
    const one = await kubelab('scenario', 'validate', join(root, '01-tiny'));
    expect(one).toMatchObject({ code: 0, stdout: expect.stringContaining('valid (1 steps, versions 1.33, 1.36)') });
  });

  it('explains usage mistakes with exit code 2', async () => {
    expect(await kubelab('grade', '--scenario', 'why-nodes-proxy')).toMatchObject({ code: 2, stderr: expect.stringContaining('--kubeconfig PATH is required') });
    expect(await kubelab('grade', '--scenario', 'nope', '--kubeconfig', '/dev/null')).toMatchObject({ code: 2, stderr: expect.stringContaining('no scenario "nope": use one of') });
    expect(await kubelab('scenario', 'test', '--version', '1.32')).toMatchObject({ code: 2, stderr: expect.stringContaining('unsupported --version "1.32"') });
  });
});

describe('kubelab scenario setup and grade against a running cluster', () => {
  let cluster: EmbeddedCluster;
  beforeAll(async () => {
    const scenario = loadScenarios(defaultScenariosDir()).scenarios.find((s) => s.id === 'why-nodes-proxy')!;
    cluster = await startEmbeddedCluster({ spec: clusterSpecFor(scenario, '1.33', `cli${process.pid % 10000}`), dataDir });
  });
  afterAll(() => cluster?.delete());

  it('sets the scenario up, fails the untouched step, passes after the work', async () => {
    const setup = await kubelab('scenario', 'setup', 'why-nodes-proxy', '--kubeconfig', cluster.kubeconfigPath, '--data-dir', dataDir);
    expect(setup.code).toBe(0);
    expect(setup.stdout).toContain(`export NODE_NAME=${cluster.nodes[0]!.name} NODE_IP=${cluster.nodes[0]!.internalIP} KUBELET_PORT=10250`);
    expect(setup.stderr).toContain('clusterrolebinding.rbac.authorization.k8s.io/prometheus-kubelet-pods created');

    const before = await kubelab('grade', '--scenario', 'why-nodes-proxy', '--step', '1', '--kubeconfig', cluster.kubeconfigPath, '--data-dir', dataDir);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('Step 1: RBAC says yes. What does the kubelet say? (v1.33) — NOT YET: 2/4 checks pass');
    expect(before.stdout).toContain('  ✗ You recorded the status the kubelet gave Prometheus');
    expect(before.stdout).toContain("$ kubectl get configmap answers -n kubelab -o 'jsonpath={.data.pods-status}'");

    await new Promise<void>((done, fail) =>
      execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, '-n', 'kubelab', 'patch', 'configmap', 'answers', '--type', 'merge', '-p', '{"data":{"pods-status":"200","kubelet-checks":"pods proxy"}}'], (e) => (e ? fail(e) : done())),
    );
    const after = await kubelab('grade', '--scenario', 'why-nodes-proxy', '--step', '1', '--kubeconfig', cluster.kubeconfigPath, '--data-dir', dataDir, '--json');
    expect(after.code).toBe(0);
    const report = JSON.parse(after.stdout) as { passed: boolean; version: string; steps: { checks: { id: string; passed: boolean; trail?: unknown[] }[] }[] };
    expect(report).toMatchObject({ passed: true, version: '1.33' });
    expect(report.steps[0]!.checks.find((c) => c.id === 'kubelet-pods')!.trail).toEqual([expect.objectContaining({ subresource: 'pods', allowed: true })]);

    const all = await kubelab('grade', '--scenario', 'why-nodes-proxy', '--kubeconfig', cluster.kubeconfigPath, '--data-dir', dataDir);
    expect(all.code).toBe(1); // step 2 still needs its answer
    expect(all.stdout).toMatch(/Step 1: .* PASSED[\s\S]*Step 2: .* NOT YET/);
  }, 120_000);
});

describe('kubelab scenario test', () => {
  it('self-tests a scenario on one version and prints a summary table', async () => {
    const r = await kubelab('scenario', 'test', 'can-i-trap', '--version', '1.36', '--data-dir', dataDir);
    expect(r.stderr).toContain('[can-i-trap v1.36] step 1: grading the untouched cluster');
    expect(r.stdout).toMatch(/^SCENARIO\s+VERSION\s+RESULT\s+UNTOUCHED\s+SOLUTIONS\s+WRONG\s+GRADE P50\s+TIME$/m);
    expect(r.stdout).toMatch(/^can-i-trap\s+1\.36\s+pass\s+✓\s+✓\s+3\/3 caught\s+[\d.]+ s\s+[\d.]+ s$/m);
    expect(r.stdout).toContain('1/1 scenario runs passed');
    expect(r.code).toBe(0);
  }, 300_000);
});

const BUILT = existsSync(new URL('../../dist/cli/main.js', import.meta.url));

describe.skipIf(!BUILT)('kubelab grade against `kubelab cluster up` running in another process (needs npm run build)', () => {
  it('reads the kubelet endpoints from the Node objects and the trail from the decision file', async () => {
    const scenario = loadScenarios(defaultScenariosDir()).scenarios.find((s) => s.id === 'least-privilege-monitoring')!;
    const patch = join(dataDir, 'kubelet-patch.yaml');
    writeFileSync(patch, scenario.clusters['1.31']!.kubeletConfigPatch);
    const name = `up${process.pid % 10000}`;
    const child = spawn(process.execPath, [new URL('../../bin/kubelab.js', import.meta.url).pathname, 'cluster', 'up', '--name', name, '--version', '1.31', '--kubelet-config', patch, '--data-dir', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const ready = await new Promise<{ kubeconfig: string }>((done, fail) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) done(JSON.parse(out.split('\n')[0]!) as { kubeconfig: string });
        });
        child.on('exit', (code) => fail(new Error(`kubelab cluster up exited with ${code}`)));
      });
      expect((await kubelab('scenario', 'setup', scenario.id, '--kubeconfig', ready.kubeconfig, '--data-dir', dataDir)).code).toBe(0);
      const r = await kubelab('grade', '--scenario', scenario.id, '--step', '2', '--kubeconfig', ready.kubeconfig, '--data-dir', dataDir, '--json');
      expect(r.code).toBe(1);
      const checks = (JSON.parse(r.stdout) as { steps: { checks: { id: string; passed: boolean; output: string; trail?: { subresource: string; details?: string[] }[] }[] }[] }).steps[0]!.checks;
      const pods = checks.find((c) => c.id === 'kubelet-pods')!;
      // v1.31: the role is right, the kubelet asks about proxy; the check expects exactly that.
      expect(pods).toMatchObject({ passed: true, output: expect.stringContaining('subresource=proxy') });
      expect(pods.trail).toEqual([expect.objectContaining({ subresource: 'proxy' })]);
      expect(checks.find((c) => c.id === 'can-i-pods')!.passed).toBe(false);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});

// The kind side of the CLI through `main` (so the commands are registered as users type them):
// `cluster up --runtime kind`, `cluster list`, `cluster down NAME|--all`, and `start --runtime kind`
// refusing a machine without Docker.

import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { VERSIONS } from '../../cluster/versions.js';
import { fakeHost, type FakeHost } from './fake-host.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

async function kubelab(host: FakeHost, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  process.env = { ...host.env, KUBELAB_DATA_DIR: join(host.root, 'data') };
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

const IMAGE_131 = VERSIONS['1.31'].kind.nodeImage;
const foreign = { dev: { image: IMAGE_131, network: 'kind', port: 40100, nodes: [{ name: 'dev-control-plane', ip: '172.18.0.50' }] } };

describe('kubelab cluster up --runtime kind', () => {
  it('creates kubelab-NAME, prints the ready line, and leaves it running', async () => {
    const host = fakeHost(undefined, { clusters: foreign });
    const { code, stdout, stderr } = await kubelab(host, 'cluster', 'up', '--runtime', 'kind', '--name', 't1', '--version', '1.31', '--json');
    expect(code).toBe(0);
    const ready = JSON.parse(stdout) as { name: string; runtime: string; gitVersion: string; nodes: { name: string }[] };
    expect(ready).toMatchObject({ name: 'kubelab-t1', runtime: 'kind', gitVersion: 'v1.31.14', nodes: [{ name: 'kubelab-t1-control-plane' }] });
    expect(stderr).toContain(' ✓ Starting control-plane');
    expect(Object.keys(host.state().clusters).sort()).toEqual(['dev', 'kubelab-t1']);
  });

  it('refuses a gate the version does not know with the kubelet\'s message (usage error, exit 2)', async () => {
    const host = fakeHost();
    const { code, stderr } = await kubelab(host, 'cluster', 'up', '--runtime', 'kind', '--version', '1.31', '--feature-gates', 'KubeletFineGrainedAuthz=true');
    expect(code).toBe(2);
    expect(stderr).toContain('unrecognized feature gate: KubeletFineGrainedAuthz');
    expect(host.calls()).toEqual([]);
  });
});

describe('kubelab cluster list / down', () => {
  it('lists only lab clusters, as a table and as JSON', async () => {
    const host = fakeHost(undefined, { clusters: foreign });
    await kubelab(host, 'cluster', 'up', '--runtime', 'kind', '--name', 'a', '--version', '1.33', '--nodes', '2');
    const table = await kubelab(host, 'cluster', 'list');
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+VERSION\s+NODES\s+KUBECONFIG$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^kubelab-a\s+v1\.33\s+2\s+\/.*kubeconfig$/)]);
    const json = JSON.parse((await kubelab(host, 'cluster', 'list', '--json')).stdout) as { name: string; id: string; version: string; nodes: string[] }[];
    expect(json).toEqual([expect.objectContaining({ name: 'kubelab-a', id: 'a', version: '1.33', nodes: ['kubelab-a-control-plane', 'kubelab-a-worker'] })]);
  });

  it('down NAME deletes one (by id or kind name), --all deletes every lab cluster and nothing else', async () => {
    const host = fakeHost(undefined, { clusters: foreign });
    await kubelab(host, 'cluster', 'up', '--runtime', 'kind', '--name', 'a', '--version', '1.31');
    await kubelab(host, 'cluster', 'up', '--runtime', 'kind', '--name', 'b', '--version', '1.31');
    await kubelab(host, 'cluster', 'up', '--runtime', 'kind', '--name', 'c', '--version', '1.31');
    expect((await kubelab(host, 'cluster', 'down', 'a')).code).toBe(0);
    expect(Object.keys(host.state().clusters).sort()).toEqual(['dev', 'kubelab-b', 'kubelab-c']);
    const all = await kubelab(host, 'cluster', 'down', '--all');
    expect(all.code).toBe(0);
    expect(all.stderr).toContain('Deleted kubelab-b.');
    expect(Object.keys(host.state().clusters)).toEqual(['dev']);
    expect(host.commandLines()).not.toContain('kind delete cluster --name dev');
  });

  it('down: a missing name is exit 1, no name and no --all is a usage error', async () => {
    const host = fakeHost();
    const missing = await kubelab(host, 'cluster', 'down', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No lab kind cluster named kubelab-nope');
    expect((await kubelab(host, 'cluster', 'down')).code).toBe(2);
  });

  it('list without Docker says what to do', async () => {
    const host = fakeHost(['kind'], {});
    const { code, stderr } = await kubelab(host, 'cluster', 'list');
    expect(code).toBe(1);
    expect(stderr).toContain('`kind get clusters` failed');
    expect(stderr).toContain('exec: "docker": executable file not found in $PATH');
    expect(stderr).toContain('kubelab doctor');
  });
});

describe('kubelab start --runtime kind', () => {
  it('refuses to start on a machine where kind cannot run, with the fixes', async () => {
    const host = fakeHost(['kubectl', 'jq', 'curl']);
    const { code, stderr } = await kubelab(host, 'start', '--runtime', 'kind', '--port', '0');
    expect(code).toBe(1);
    expect(stderr).toContain('the kind runtime cannot run on this machine');
    expect(stderr).toContain('Docker: the docker command is not installed (fix: install Docker Engine');
  });
});

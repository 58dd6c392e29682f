import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderKubeconfig } from '../../cluster/kubeconfig.js';
import type { KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import { UsageError } from '../command.js';
import { clusterLog } from './cluster-log.js';

function decision(seq: number, path: string, status: number): KubeletDecision {
  return {
    seq, time: `2026-05-20T10:00:0${seq}.000Z`, node: 'lab-control-plane', method: 'GET', path, remoteAddress: '127.0.0.1', upgrade: false,
    authentication: { method: 'bearer', user: 'system:serviceaccount:default:mon', groups: ['system:authenticated'], cached: false },
    reviews: [{ verb: 'get', resource: 'nodes', subresource: 'proxy', name: 'lab-control-plane', decision: status === 200 ? 'allow' : 'noOpinion', reason: '', cached: false }],
    outcome: status === 200 ? 'authorized' : 'forbidden', status, durationMs: 0.4,
  };
}

function clusterDir(): { dataDir: string; dir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-cli-'));
  const dir = join(dataDir, 'clusters', 'lab');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kubelet-decisions.jsonl'), [decision(1, '/pods', 403), decision(2, '/healthz', 200), decision(3, '/metrics', 403)].map((d) => JSON.stringify(d)).join('\n') + '\n');
  return { dataDir, dir };
}

async function run(values: Record<string, unknown>): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await clusterLog.run(values, [], { out: (l) => out.push(l), err: () => {} });
  return { code, out };
}

describe('kubelab cluster log', () => {
  it('prints each decision of the named cluster, readable by default and as JSON lines with --json', async () => {
    const { dataDir } = clusterDir();
    const text = await run({ name: 'lab', 'data-dir': dataDir });
    expect(text.code).toBe(0);
    expect(text.out[0]).toBe('2026-05-20T10:00:01.000Z lab-control-plane GET /pods -> 403 Forbidden');
    expect(text.out).toContain('    get nodes/proxy lab-control-plane: noOpinion');
    const json = await run({ name: 'lab', 'data-dir': dataDir, json: true, tail: '1' });
    expect(json.out.map((l) => (JSON.parse(l) as KubeletDecision).path)).toEqual(['/metrics']);
  });

  it('finds the log from a kubeconfig kept elsewhere, by the cluster its current context names', async () => {
    const { dataDir } = clusterDir();
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'kubelab-kc-')), 'config');
    writeFileSync(kubeconfig, renderKubeconfig({ clusterName: 'lab', server: 'https://127.0.0.1:6443', caPem: 'x', user: { token: 't' } }));
    const result = await run({ kubeconfig, 'data-dir': dataDir, json: true });
    expect(result.out).toHaveLength(3);
  });

  it('says what is wrong when the cluster is unknown or the flags are', async () => {
    const { dataDir } = clusterDir();
    await expect(run({ name: 'nope', 'data-dir': dataDir })).rejects.toThrow(/no kubelet decision log at .*clusters\/nope\/kubelet-decisions.jsonl/);
    await expect(run({ 'data-dir': dataDir })).rejects.toBeInstanceOf(UsageError);
    await expect(run({ name: 'lab', 'data-dir': dataDir, tail: '-1' })).rejects.toBeInstanceOf(UsageError);
  });
});

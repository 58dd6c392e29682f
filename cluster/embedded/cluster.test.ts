// EmbeddedCluster.onStateChange: the lab server's cue to save a learner's cluster. It must fire
// for what a snapshot would see change (writes through kubectl, files written in containers),
// not for reads, and batch bursts when asked to.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceKey } from './apiserver/storage/store.js';
import { startEmbeddedCluster, type EmbeddedCluster } from './cluster.js';
import { adminKubectl, kubectlMust as must, kubeletFetch } from './kubelet/testing/live-kubelet.js';

const CONFIGMAPS = resourceKey('', 'configmaps');
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('EmbeddedCluster.onStateChange', () => {
  let cluster: EmbeddedCluster;
  let admin: { certPem: string; keyPem: string };

  beforeAll(async () => {
    cluster = await startEmbeddedCluster({ spec: { name: `state${process.pid % 10000}`, version: '1.33' }, dataDir: mkdtempSync(join(tmpdir(), 'kubelab-state-')) });
    admin = (await cluster.snapshot()).pki.admin;
    const k = await adminKubectl(cluster.kubeconfigPath);
    await must(k, ['run', 'web', '--image=busybox:1.36', '--', 'sleep', '3600']);
  }, 60_000);

  afterAll(async () => {
    await cluster?.delete();
  });

  /** POST /run on the node's kubelet as the admin; `cmd` is split on spaces by the kubelet. */
  const run = (cmd: string) => kubeletFetch(cluster.nodes[0]!, { method: 'POST', path: `/run/default/web/web?cmd=${encodeURIComponent(cmd)}`, cert: admin });

  it('fires for a write made with kubectl, and not for reads', async () => {
    const k = await adminKubectl(cluster.kubeconfigPath);
    let calls = 0;
    const unsubscribe = cluster.onStateChange(() => (calls += 1));
    await must(k, ['get', 'configmaps', '-A']);
    expect(calls).toBe(0);
    await must(k, ['create', 'configmap', 'noted', '--from-literal=a=b']);
    expect(calls).toBeGreaterThan(0);
    unsubscribe();
  });

  it('fires when a process changes files inside a container, and not when it only reads them', async () => {
    expect((await run('cat /etc/hostname')).status).toBe(200); // the container exists from here on
    let calls = 0;
    const unsubscribe = cluster.onStateChange(() => (calls += 1));
    expect((await run('cat /etc/hostname')).status).toBe(200);
    expect(calls).toBe(0);
    expect((await run('touch /tmp/seen')).status).toBe(200);
    expect(calls).toBe(1);
    const containers = (await cluster.snapshot()).containers;
    expect(containers).toEqual([{ node: cluster.nodes[0]!.name, containers: [expect.objectContaining({ pod: 'web', container: 'web', files: [expect.objectContaining({ path: '/tmp/seen', kind: 'file' })] })] }]);
    unsubscribe();
  });

  it('with batchMs, calls once for a burst, after the wait; never after unsubscribing', async () => {
    const calls: number[] = [];
    const started = performance.now();
    const unsubscribe = cluster.onStateChange(() => calls.push(performance.now() - started), { batchMs: 100 });
    for (let i = 0; i < 5; i++) cluster.store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `burst-${i}`, namespace: 'default' } });
    expect(calls).toEqual([]);
    await settle(300);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeGreaterThanOrEqual(99);

    cluster.store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'default' } });
    unsubscribe();
    await settle(300);
    expect(calls).toHaveLength(1);
  });
});

// A learner's cluster survives a server restart: snapshot, delete, start again from the snapshot
// (through JSON, as the lab server stores it), then check with the real kubectl, curl-like HTTPS
// calls and WebSocket exec that everything a learner made or minted is still there and works.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClusterNode } from '../provider.js';
import { renderKubeconfig } from '../kubeconfig.js';
import { kubectlRunner, type KubectlRunner } from '../../test/support/kubectl.js';
import { resourceKey } from './apiserver/storage/store.js';
import { startEmbeddedCluster, type EmbeddedCluster } from './cluster.js';
import { adminKubectl, kubectlMust as must, kubeletFetch } from './kubelet/testing/live-kubelet.js';
import { parseClusterSnapshot, type EmbeddedClusterSnapshot } from './snapshot-format.js';

const PODS = resourceKey('', 'pods');
const dataDir = () => mkdtempSync(join(tmpdir(), 'kubelab-snapshot-'));
const uniqueName = (prefix: string) => `${prefix}${process.pid % 10000}${Math.floor(Math.random() * 1000)}`;

/** A kubeconfig that authenticates with `user` only (no client certificate to fall back on). */
function kubeconfigFile(clusterName: string, server: string, caPem: string, user: { token: string } | { certPem: string; keyPem: string }): string {
  const path = join(dataDir(), 'config');
  writeFileSync(path, renderKubeconfig({ clusterName, server, caPem, user }));
  return path;
}

/** `exec` on the node's kubelet over v4.channel.k8s.io, as `kubectl exec` ends up doing; stdout. */
function kubeletExec(node: ClusterNode, token: string, pod: string, argv: string[]): Promise<string> {
  const command = argv.map((a) => `command=${encodeURIComponent(a)}`).join('&');
  const ws = new WebSocket(`wss://${node.internalIP}:${node.kubeletPort}/exec/default/${pod}/${pod}?${command}&output=1&error=1`, ['v4.channel.k8s.io'], {
    rejectUnauthorized: false,
    headers: { Authorization: `Bearer ${token}` },
  });
  let stdout = '';
  return new Promise((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      if (data[0] === 1) stdout += data.subarray(1).toString();
    });
    ws.on('close', () => resolve(stdout));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`exec refused with ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

async function waitForPhase(k: KubectlRunner, pod: string, phase: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await must(k, ['get', 'pod', pod, '-o', 'jsonpath={.status.phase}'])) === phase) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pod ${pod} never became ${phase}`);
}

const LEARNER_OBJECTS = [
  ['namespace', 'team-a'],
  ['serviceaccount', 'builder', '-n', 'team-a'],
  ['role', 'pod-reader', '-n', 'team-a'],
  ['rolebinding', 'builder-reads-pods', '-n', 'team-a'],
  ['configmap', 'settings', '-n', 'team-a'],
] as const;

const identity = (k: KubectlRunner, args: readonly string[]) => must(k, ['get', ...args, '-o', 'jsonpath={.metadata.uid} {.metadata.resourceVersion} {.metadata.creationTimestamp}']);

describe('a cluster restored from its snapshot', () => {
  let original: EmbeddedCluster;
  let restored: EmbeddedCluster | undefined;
  let snapshot: EmbeddedClusterSnapshot;
  let k: KubectlRunner;
  const before = new Map<string, string>();
  let builderToken = '';
  let operatorToken = '';
  let kubeletStatusBefore: number[] = [];
  let oldKubeconfig = '';
  let nodesBefore: ClusterNode[] = [];

  beforeAll(async () => {
    original = await startEmbeddedCluster({ spec: { name: uniqueName('snap'), version: '1.33' }, dataDir: dataDir() });
    k = await adminKubectl(original.kubeconfigPath);
    await must(k, ['create', 'namespace', 'team-a']);
    await must(k, ['create', 'serviceaccount', 'builder', '-n', 'team-a']);
    await must(k, ['create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods', '-n', 'team-a']);
    await must(k, ['create', 'rolebinding', 'builder-reads-pods', '--role=pod-reader', '--serviceaccount=team-a:builder', '-n', 'team-a']);
    await must(k, ['create', 'configmap', 'settings', '--from-literal=mode=debug', '-n', 'team-a']);
    // The operator may use the kubelet API (nodes/proxy covers exec); the builder may not.
    await must(k, ['create', 'serviceaccount', 'operator']);
    await must(k, ['create', 'clusterrolebinding', 'operator-kubelet', '--clusterrole=system:kubelet-api-admin', '--serviceaccount=default:operator']);
    builderToken = (await must(k, ['create', 'token', 'builder', '-n', 'team-a'])).trim();
    operatorToken = (await must(k, ['create', 'token', 'operator'])).trim();
    await must(k, ['run', 'notes', '--image=busybox:1.36', '--', 'sleep', '3600']);
    await waitForPhase(k, 'notes', 'Running');
    await kubeletExec(original.nodes[0]!, operatorToken, 'notes', ['sh', '-c', 'echo kept across restarts > /tmp/note.txt; mkdir /tmp/work']);

    for (const args of LEARNER_OBJECTS) before.set(args.join(' '), await identity(k, args));
    kubeletStatusBefore = await Promise.all([operatorToken, builderToken].map(async (t) => (await kubeletFetch(original.nodes[0]!, { path: '/pods', headers: { Authorization: `Bearer ${t}` } })).status));
    oldKubeconfig = readFileSync(original.kubeconfigPath, 'utf8');
    nodesBefore = original.nodes.map((n) => ({ ...n }));

    snapshot = await original.snapshot();
    const stored = JSON.stringify(snapshot);
    await original.delete();
    restored = await startEmbeddedCluster({ restore: JSON.parse(stored) as EmbeddedClusterSnapshot, dataDir: dataDir() });
    k = await adminKubectl(restored.kubeconfigPath);
  }, 90_000);

  afterAll(async () => {
    await restored?.delete();
  });

  it('has the same objects, with the same uid, resourceVersion and creationTimestamp', async () => {
    for (const args of LEARNER_OBJECTS) expect(await identity(k, args), args.join(' ')).toBe(before.get(args.join(' ')));
    expect(await must(k, ['get', 'configmap', 'settings', '-n', 'team-a', '-o', 'jsonpath={.data.mode}'])).toBe('debug');
    expect(await must(k, ['get', 'pod', 'notes', '-o', 'jsonpath={.status.phase}'])).toBe('Running');
  });

  it('gives new writes a higher resourceVersion than anything from before', async () => {
    const created = await must(k, ['create', 'configmap', 'after-restart', '-n', 'team-a', '-o', 'jsonpath={.metadata.resourceVersion}']);
    expect(Number(created)).toBeGreaterThan(snapshot.store.revision);
  });

  it('serves on a new port and rewrites the kubeconfig for it, with the same credentials', () => {
    const written = readFileSync(restored!.kubeconfigPath, 'utf8');
    expect(written).toContain(`server: ${restored!.server}`);
    expect(written.replace(restored!.server, 'SERVER')).toBe(oldKubeconfig.replace(/server: \S+/, 'server: SERVER'));
  });

  it('accepts the admin credentials of the old kubeconfig at the new address, verifying the server with the old CA', async () => {
    const path = join(dataDir(), 'old-config');
    writeFileSync(path, oldKubeconfig.replace(/server: \S+/, `server: ${restored!.server}`));
    const old = kubectlRunner(k.binary, path);
    expect(await must(old, ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'])).toBe('kubernetes-admin');
  });

  it('accepts a token minted by `kubectl create token` before the restart, with the same permissions', async () => {
    const caPem = snapshot.pki.ca.certPem;
    const asBuilder = kubectlRunner(k.binary, kubeconfigFile('builder', restored!.server, caPem, { token: builderToken }));
    expect(await must(asBuilder, ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'])).toBe('system:serviceaccount:team-a:builder');
    expect((await asBuilder.run(['get', 'pods', '-n', 'team-a'])).code).toBe(0);
    expect((await asBuilder.run(['get', 'configmaps', '-n', 'team-a'])).stderr).toContain('forbidden');
  });

  it('gets its kubelets back on the same node addresses, where old tokens get the same answers', async () => {
    expect(restored!.nodes).toEqual(nodesBefore);
    const statuses = await Promise.all([operatorToken, builderToken].map(async (t) => (await kubeletFetch(restored!.nodes[0]!, { path: '/pods', headers: { Authorization: `Bearer ${t}` } })).status));
    expect(statuses).toEqual(kubeletStatusBefore);
    expect(statuses).toEqual([200, 403]);
  });

  it('still has the files written inside a container', async () => {
    const node = restored!.nodes[0]!;
    expect(await kubeletExec(node, operatorToken, 'notes', ['cat', '/tmp/note.txt'])).toBe('kept across restarts\n');
    expect(await kubeletExec(node, operatorToken, 'notes', ['ls', '/tmp'])).toBe('note.txt\nwork\n');
  });

  it('keeps container changes through a second snapshot, even before anyone looked inside again', async () => {
    const again = parseClusterSnapshot(JSON.parse(JSON.stringify(await restored!.snapshot())));
    expect(again.containers).toEqual(snapshot.containers);
    expect(again.containers[0]?.containers[0]?.files.map((f) => `${f.kind} ${f.path}`)).toEqual(['file /tmp/note.txt', 'dir /tmp/work']);
  });
});

describe('restoring while the old node addresses are taken', () => {
  let original: EmbeddedCluster;
  let restored: EmbeddedCluster | undefined;

  beforeAll(async () => {
    original = await startEmbeddedCluster({ spec: { name: uniqueName('busy'), version: '1.31', nodes: 2 }, dataDir: dataDir() });
    const k = await adminKubectl(original.kubeconfigPath);
    await must(k, ['run', 'web', '--image=nginx']);
    // The original keeps running, so its kubelets still hold their addresses.
    restored = await startEmbeddedCluster({ restore: await original.snapshot(), dataDir: dataDir() });
  }, 60_000);

  afterAll(async () => {
    await restored?.delete();
    await original?.delete();
  });

  it('moves the kubelets to new addresses and says so in the Node objects and pods', async () => {
    const k = await adminKubectl(restored!.kubeconfigPath);
    for (const [i, node] of restored!.nodes.entries()) {
      expect(node.internalIP).not.toBe(original.nodes[i]!.internalIP);
      expect(await must(k, ['get', 'node', node.name, '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address} {.status.daemonEndpoints.kubeletEndpoint.Port}'])).toBe(
        `${node.internalIP} ${node.kubeletPort}`,
      );
    }
    const hostIPs = (await must(k, ['get', 'pods', '-A', '-o', 'jsonpath={range .items[*]}{.spec.nodeName}={.status.hostIP}{"\\n"}{end}'])).trim().split('\n');
    const addressOf = new Map(restored!.nodes.map((n) => [n.name, n.internalIP]));
    for (const line of hostIPs) {
      const [node, ip] = line.split('=');
      expect(ip, line).toBe(addressOf.get(node!));
    }
    const oldAddresses = original.nodes.map((n) => n.internalIP);
    const mentions = JSON.stringify(restored!.store.snapshot().resources);
    for (const ip of oldAddresses) expect(mentions).not.toMatch(new RegExp(`(?<![\\d.])${ip.replace(/\./g, '\\.')}(?!\\d)`));
  });

  it('answers at the new kubelet addresses', async () => {
    for (const node of restored!.nodes) expect((await kubeletFetch(node, { path: '/healthz' })).status).toBe(401);
  });
});

describe('work under way at snapshot time', () => {
  it('is finished after the restore: a pod being deleted goes away', async () => {
    const original = await startEmbeddedCluster({ spec: { name: uniqueName('pend'), version: '1.36' }, dataDir: dataDir() });
    const k = await adminKubectl(original.kubeconfigPath);
    await must(k, ['run', 'leaving', '--image=nginx']);
    await waitForPhase(k, 'leaving', 'Running');
    // Graceful deletion as the registry records it; the pod goes 1 s later, unless the server stops first.
    const pod = original.store.get(PODS, 'default', 'leaving')!;
    original.store.update(PODS, { ...pod, metadata: { ...pod.metadata, deletionTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } });
    const snapshot = await original.snapshot();
    await original.delete();
    expect(snapshot.store.resources[PODS]!.find((p) => p.metadata.name === 'leaving')?.metadata.deletionTimestamp).toBeDefined();

    const restored = await startEmbeddedCluster({ restore: snapshot, dataDir: dataDir() });
    try {
      const after = await adminKubectl(restored.kubeconfigPath);
      for (let i = 0; i < 50 && restored.store.get(PODS, 'default', 'leaving'); i++) await new Promise((r) => setTimeout(r, 100));
      expect((await after.run(['get', 'pod', 'leaving'])).stderr).toContain('pods "leaving" not found');
    } finally {
      await restored.delete();
    }
  }, 60_000);
});

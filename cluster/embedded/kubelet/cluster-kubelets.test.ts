import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { validateFeatureGates } from '../../feature-gates.js';
import type { ClusterNode } from '../../provider.js';
import { VERSIONS } from '../../versions.js';
import { assembleApiServer } from '../apiserver/assemble.js';
import { generateSigningKey } from '../apiserver/serviceaccount/jwt.js';
import { ObjectStore, resourceKey } from '../apiserver/storage/store.js';
import { createCertificateAuthority, issueCertificate } from '../pki/index.js';
import { ClusterKubelets } from './cluster-kubelets.js';
import { DecisionLog } from './decisions/decision-log.js';
import { kindKubeletConfig } from './kubelet-config.js';
import { RecordingRuntime } from './testing/recording-runtime.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function occupiedPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

describe('the kubelets of a cluster', () => {
  it('take a free port when their address was taken after the check, and report it in the Node status', async () => {
    const store = new ObjectStore();
    const ca = createCertificateAuthority('kubernetes');
    const apiserver = assembleApiServer({
      version: VERSIONS['1.33'],
      featureGates: {},
      store,
      signingKey: generateSigningKey(),
      kubeletClient: issueCertificate(ca, { commonName: 'kube-apiserver-kubelet-client', usage: 'client' }),
      caPem: ca.certPem,
      clock: () => new Date(),
      advertiseAddress: '127.0.0.1',
    });
    cleanups.push(() => apiserver.stop());
    const busy = await occupiedPort();
    cleanups.push(() => busy.server.close());
    store.create(resourceKey('', 'nodes'), { apiVersion: 'v1', kind: 'Node', metadata: { name: 'lab-worker' }, status: { daemonEndpoints: { kubeletEndpoint: { Port: busy.port } } } });
    const node: ClusterNode = { name: 'lab-worker', role: 'worker', internalIP: '127.0.0.1', kubeletPort: busy.port };
    const config = kindKubeletConfig('1.33');
    const gates = validateFeatureGates('1.33', {});
    if (!config.ok || !gates.ok) throw new Error('defaults do not validate');
    const kubelets = await ClusterKubelets.start({
      clusterName: 'lab', version: VERSIONS['1.33'], nodes: [node], config: config.config, gates: gates.effective, caPem: ca.certPem,
      store, apiserver, runtime: () => new RecordingRuntime(), decisions: new DecisionLog(), clock: () => new Date(),
    });
    cleanups.push(() => kubelets.stop());
    expect(node.kubeletPort).not.toBe(busy.port);
    const stored = store.get(resourceKey('', 'nodes'), undefined, 'lab-worker')!;
    expect((stored.status as { daemonEndpoints: { kubeletEndpoint: { Port: number } } }).daemonEndpoints.kubeletEndpoint.Port).toBe(node.kubeletPort);
    expect(await kubelets.request('lab-worker', { method: 'GET', path: '/healthz' })).toMatchObject({ status: 401, body: 'Unauthorized' });
    await expect(kubelets.request('nope', { method: 'GET', path: '/healthz' })).rejects.toThrow('no node named "nope" in this cluster: use one of lab-worker');
  });
});

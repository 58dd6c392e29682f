import { describe, expect, it } from 'vitest';
import { ObjectStore, resourceKey } from '../storage/store.js';
import { runControllers } from './controller.js';
import { PodLifecycleController } from './pod-lifecycle-controller.js';

const PODS = resourceKey('', 'pods');

async function settled(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

describe('PodLifecycleController', () => {
  it('gives a new pod a free address of the node\'s pod CIDR, never one a pod already holds', async () => {
    const store = new ObjectStore();
    store.create(resourceKey('', 'nodes'), { metadata: { name: 'n1' }, spec: { podCIDR: '10.244.0.0/24' }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] } });
    // What a fresh kind node already runs: coredns and local-path-provisioner hold .2-.4.
    for (const [name, ip] of [['coredns-a', '10.244.0.2'], ['coredns-b', '10.244.0.3'], ['local-path', '10.244.0.4']] as const) {
      store.create(PODS, { metadata: { name, namespace: 'kube-system' }, spec: { nodeName: 'n1' }, status: { phase: 'Running', podIP: ip } });
    }
    const controller = new PodLifecycleController(store, () => new Date());
    const stop = runControllers(store, [controller]);
    store.create(PODS, { metadata: { name: 'web', namespace: 'dev', uid: 'u1' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Pending' } });
    store.create(PODS, { metadata: { name: 'db', namespace: 'dev', uid: 'u2' }, spec: { containers: [{ name: 'c', image: 'redis' }] }, status: { phase: 'Pending' } });
    await settled();
    const ip = (name: string) => (store.get(PODS, 'dev', name)?.status as { podIP?: string } | undefined)?.podIP;
    expect([ip('web'), ip('db')]).toEqual(['10.244.0.5', '10.244.0.6']);
    stop();
    controller.stop();
  });
});

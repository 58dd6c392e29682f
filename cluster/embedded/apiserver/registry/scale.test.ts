import { describe, expect, it } from 'vitest';
import { scaleOf, servesScale } from './scale.js';

describe('scaleOf', () => {
  it('carries the object\'s identity, spec.replicas, status.replicas and the selector as a string', () => {
    const scale = scaleOf({
      metadata: { name: 'web', namespace: 'dev', uid: 'u1', resourceVersion: '42', creationTimestamp: '2026-05-20T10:00:00Z', labels: { app: 'web' }, generation: 3 },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] } },
      status: { replicas: 2 },
    });
    expect(scale).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'dev', uid: 'u1', resourceVersion: '42', creationTimestamp: '2026-05-20T10:00:00Z' },
      spec: { replicas: 3 },
      status: { replicas: 2, selector: 'app=web,tier in (edge,front)' },
    });
  });

  it('leaves zero replicas out of spec (omitempty) but always reports status.replicas', () => {
    const scale = scaleOf({ metadata: { name: 'web' }, spec: { replicas: 0, selector: { matchLabels: { app: 'web' } } } });
    expect(scale.spec).toEqual({});
    expect(scale.status).toEqual({ replicas: 0, selector: 'app=web' });
  });

  it('is served for the apps workloads that scale, not for DaemonSets', () => {
    const def = (plural: string) => ({ def: { group: 'apps', version: 'v1', kind: '', plural, singular: '', namespaced: true, verbs: [], storage: 'listed' as const } });
    expect(['deployments', 'replicasets', 'statefulsets', 'daemonsets'].map((p) => servesScale(def(p)))).toEqual([true, true, true, false]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../registry/strategies/apps.js';
import {
  equalIgnoreHash,
  findNewReplicaSet,
  maxSurge,
  maxUnavailable,
  newReplicaSetReplicas,
  proportion,
  resolveFenceposts,
  scaledValue,
  setNewReplicaSetAnnotations,
  terminatingReplicas,
} from './deployment-util.js';

function deployment(replicas: number, maxSurge: number | string = '25%', maxUnavailable: number | string = '25%', type = 'RollingUpdate'): Deployment {
  return {
    metadata: { name: 'web', annotations: {} },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, strategy: { type, rollingUpdate: { maxSurge, maxUnavailable } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
}

function replicaSet(name: string, replicas: number, extra: Partial<ReplicaSet['metadata']> = {}, status: ReplicaSet['status'] = {}): ReplicaSet {
  return { metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z', ...extra }, spec: { replicas }, status };
}

describe('surge and unavailability (ResolveFenceposts)', () => {
  it('rounds surge up and unavailability down', () => {
    expect(scaledValue('25%', 1, true)).toBe(1);
    expect(scaledValue('25%', 1, false)).toBe(0);
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue(2, 10, true)).toBe(2);
    expect(() => scaledValue('25', 10, true)).not.toThrow();
    expect(() => scaledValue('a lot', 10, true)).toThrow(/invalid value/);
  });

  it('never lets both be zero: unavailability becomes 1', () => {
    expect(resolveFenceposts(deployment(3, 0, '10%'))).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(deployment(1))).toBe(0);
    expect(maxSurge(deployment(1))).toBe(1);
  });

  it('has neither for Recreate', () => {
    const d = deployment(4, 1, 1, 'Recreate');
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([0, 0]);
  });
});

describe('the new ReplicaSet', () => {
  it('is the oldest one with the Deployment\'s template, whatever its pod-template-hash', () => {
    const d = deployment(1);
    const template = (hash: string, image = 'nginx') => ({ metadata: { labels: { app: 'web', 'pod-template-hash': hash } }, spec: { containers: [{ name: 'c', image }] } });
    const older = { ...replicaSet('web-b', 1, { creationTimestamp: '2026-01-01T00:00:00Z' }), spec: { replicas: 1, template: template('b') } };
    const newer = { ...replicaSet('web-a', 1, { creationTimestamp: '2026-01-02T00:00:00Z' }), spec: { replicas: 1, template: template('a') } };
    const other = { ...replicaSet('web-c', 1), spec: { replicas: 1, template: template('c', 'nginx:1.27') } };
    expect(findNewReplicaSet(d, [other, newer, older])?.metadata.name).toBe('web-b');
    expect(equalIgnoreHash(d.spec.template, other.spec.template)).toBe(false);
  });

  it('takes a template sent with `creationTimestamp: null` (older clients) for the same one (kubectl rollout undo)', () => {
    const stored = { metadata: { creationTimestamp: null, labels: { app: 'web', 'pod-template-hash': 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(equalIgnoreHash(deployment(1).spec.template, stored)).toBe(true);
  });

  it('grows within maxSurge during a rolling update (NewRSNewReplicas)', () => {
    const d = deployment(4, 1, 0);
    const fresh = replicaSet('new', 0);
    expect(newReplicaSetReplicas(d, [replicaSet('old', 4), fresh], fresh)).toBe(1);
    expect(newReplicaSetReplicas(d, [replicaSet('old', 3), replicaSet('new', 2)], replicaSet('new', 2))).toBe(2);
    expect(newReplicaSetReplicas(deployment(4, 1, 0, 'Recreate'), [replicaSet('old', 4), fresh], fresh)).toBe(4);
  });
});

describe('ReplicaSet annotations (SetNewReplicaSetAnnotations)', () => {
  it('copies the Deployment\'s annotations but its own, sets the revision and the replicas ones', () => {
    const d = deployment(3);
    d.metadata.annotations = { team: 'a', 'deployment.kubernetes.io/revision': '7', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const rs = replicaSet('web-x', 0);
    expect(setNewReplicaSetAnnotations(d, rs, 2, false)).toBe(true);
    expect(rs.metadata.annotations).toEqual({
      team: 'a',
      'deployment.kubernetes.io/revision': '2',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(setNewReplicaSetAnnotations(d, rs, 2, true)).toBe(false);
  });

  it('remembers the revisions a rolled-back-to ReplicaSet served (revision-history)', () => {
    const rs = replicaSet('web-x', 1, { annotations: { 'deployment.kubernetes.io/revision': '1' } });
    setNewReplicaSetAnnotations(deployment(1), rs, 3, true);
    setNewReplicaSetAnnotations(deployment(1), rs, 5, true);
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '5', 'deployment.kubernetes.io/revision-history': '1,3' });
  });
});

describe('counting', () => {
  it('reports terminating replicas only when every observed ReplicaSet does', () => {
    const observed = (n?: number) => replicaSet('x', 1, {}, { observedGeneration: 1, ...(n === undefined ? {} : { terminatingReplicas: n }) });
    expect(terminatingReplicas([observed(1), observed(2), replicaSet('new', 1)])).toBe(3);
    expect(terminatingReplicas([observed(1), observed()])).toBeUndefined();
  });

  it('shares replicas added mid-rollout by size (GetProportion)', () => {
    const d = deployment(10, 3, 2);
    const rs = replicaSet('a', 5, { annotations: { 'deployment.kubernetes.io/max-replicas': '10' } });
    // 5 of a 10-replica rollout, now 13 (10 + surge 3): 5 * 13 / 10 = 6.5, rounds to 7, so +2.
    expect(proportion(rs, d, 5, 0)).toBe(2);
    expect(proportion(rs, d, 1, 0)).toBe(1);
  });
});

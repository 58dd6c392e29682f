import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../registry/strategies/apps.js';
import { calculateStatus, rolloutStatus } from './deployment-status.js';

const T0 = new Date('2026-05-20T10:00:00Z');
const later = (s: number) => new Date(T0.getTime() + s * 1000);
const options = (now: Date, terminatingReplicas = false) => ({ now, terminatingReplicas });

function deployment(status: Deployment['status'] = {}, generation = 1): Deployment {
  return {
    metadata: { name: 'web', generation },
    spec: { replicas: 2, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } },
    status,
  };
}

function rs(replicas: number, available: number, extra: ReplicaSet['status'] = {}): ReplicaSet {
  return { metadata: { name: 'web-5d8b6b9c5c' }, spec: { replicas }, status: { replicas, readyReplicas: available, availableReplicas: available, observedGeneration: 1, ...extra } };
}

const brief = (s: { conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[] }) =>
  s.conditions?.map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);

describe('Deployment status', () => {
  it('counts over the ReplicaSets, zeros left out, unavailable never negative', () => {
    const status = calculateStatus([rs(2, 1)], rs(2, 1), deployment(), options(T0));
    expect(status).toMatchObject({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1 });
    const scaledDown = calculateStatus([rs(1, 3)], rs(1, 3), deployment(), options(T0));
    expect(scaledDown.unavailableReplicas).toBeUndefined();
    expect(calculateStatus([rs(0, 0)], rs(0, 0), deployment(), options(T0))).not.toHaveProperty('replicas');
  });

  it('reports terminatingReplicas, 0 included, only where the gate is on', () => {
    const on = calculateStatus([rs(2, 2, { terminatingReplicas: 0 })], undefined, deployment(), options(T0, true));
    expect(on.terminatingReplicas).toBe(0);
    expect(calculateStatus([rs(2, 2)], undefined, deployment(), options(T0, false))).not.toHaveProperty('terminatingReplicas');
  });

  it('goes from a new ReplicaSet to a finished rollout with upstream\'s conditions, in upstream\'s order', () => {
    const created = deployment({ conditions: [{ type: 'Progressing', status: 'True', lastUpdateTime: '2026-05-20T10:00:00Z', lastTransitionTime: '2026-05-20T10:00:00Z', reason: 'NewReplicaSetCreated', message: 'Created new replica set "web-5d8b6b9c5c"' }] });
    // The ReplicaSet controller has not reported yet: nothing moved, the reason stays.
    const unobserved: ReplicaSet = { metadata: { name: 'web-5d8b6b9c5c' }, spec: { replicas: 2 }, status: {} };
    const waiting = rolloutStatus([unobserved], unobserved, created, options(later(1)));
    expect(brief(waiting)).toEqual([
      'Progressing=True NewReplicaSetCreated: Created new replica set "web-5d8b6b9c5c"',
      'Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.',
    ]);
    const done = rolloutStatus([rs(2, 2)], rs(2, 2), deployment(waiting), options(later(5)));
    expect(brief(done)).toEqual([
      'Available=True MinimumReplicasAvailable: Deployment has minimum availability.',
      'Progressing=True NewReplicaSetAvailable: ReplicaSet "web-5d8b6b9c5c" has successfully progressed.',
    ]);
    // Progressing stayed True: its transition time is the first one.
    expect(done.conditions?.[1]?.lastTransitionTime).toBe('2026-05-20T10:00:00Z');
    expect(done.conditions?.[1]?.lastUpdateTime).toBe('2026-05-20T10:00:05Z');
  });

  it('says the ReplicaSet is progressing when pods come up, and times out past progressDeadlineSeconds', () => {
    const progressing = { type: 'Progressing', status: 'True', lastUpdateTime: '2026-05-20T10:00:00Z', lastTransitionTime: '2026-05-20T10:00:00Z', reason: 'NewReplicaSetCreated', message: 'Created new replica set "web-5d8b6b9c5c"' };
    const before = deployment({ replicas: 2, updatedReplicas: 2, conditions: [progressing] });
    const moved = rolloutStatus([rs(2, 1)], rs(2, 1), before, options(later(3)));
    expect(brief(moved)?.[1]).toBe('Progressing=True ReplicaSetUpdated: ReplicaSet "web-5d8b6b9c5c" is progressing.');
    const stuck = deployment({ replicas: 2, updatedReplicas: 2, conditions: [progressing] });
    expect(brief(rolloutStatus([rs(2, 0)], rs(2, 0), stuck, options(later(600))))?.[0]).toContain('NewReplicaSetCreated');
    expect(brief(rolloutStatus([rs(2, 0)], rs(2, 0), stuck, options(later(601))))?.[1]).toBe(
      'Progressing=False ProgressDeadlineExceeded: ReplicaSet "web-5d8b6b9c5c" has timed out progressing.',
    );
  });

  it('carries a ReplicaSet\'s ReplicaFailure over, and drops it once gone', () => {
    const failure = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-05-20T10:00:00Z', reason: 'FailedCreate', message: 'pods "web-5d8b6b9c5c-x" is forbidden: quota' };
    const failing = rolloutStatus([rs(2, 0, { conditions: [failure] })], undefined, deployment(), options(T0));
    expect(failing.conditions?.find((c) => c.type === 'ReplicaFailure')).toMatchObject({ reason: 'FailedCreate', lastUpdateTime: '2026-05-20T10:00:00Z' });
    expect(rolloutStatus([rs(2, 0)], undefined, deployment(failing), options(T0)).conditions?.some((c) => c.type === 'ReplicaFailure')).toBe(false);
  });
});

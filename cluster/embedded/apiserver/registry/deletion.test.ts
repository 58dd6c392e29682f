import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { podStrategy } from './strategies/pod.js';
import { planDeletion, requestedGracePeriod } from './deletion.js';

const NOW = new Date('2026-05-20T10:00:00Z');
const podGrace = podStrategy.gracePeriod!.bind(podStrategy);

function pod(extra: { finalizers?: string[]; nodeName?: string; phase?: string; deletionTimestamp?: string; deletionGracePeriodSeconds?: number } = {}): KubeObject {
  const { finalizers, nodeName = 'n1', phase = 'Running', ...deletion } = extra;
  return {
    metadata: { name: 'web', namespace: 'dev', ...(finalizers ? { finalizers } : {}), ...deletion },
    spec: { nodeName, terminationGracePeriodSeconds: 30 },
    status: { phase },
  };
}

const marked = (plan: ReturnType<typeof planDeletion>) => (plan.action === 'mark' ? plan.object.metadata : undefined);

describe('what a DELETE does', () => {
  it('gives a running pod its grace period: deletionTimestamp is when it ends', () => {
    expect(marked(planDeletion(pod(), undefined, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:30Z', deletionGracePeriodSeconds: 30 });
    expect(marked(planDeletion(pod(), 5, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:05Z', deletionGracePeriodSeconds: 5 });
  });

  it('removes at once a pod no node runs, a finished one, or one deleted with grace period 0', () => {
    expect(planDeletion(pod({ nodeName: '' }), undefined, podGrace, NOW)).toEqual({ action: 'remove' });
    expect(planDeletion(pod({ phase: 'Succeeded' }), undefined, podGrace, NOW)).toEqual({ action: 'remove' });
    expect(planDeletion(pod(), 0, podGrace, NOW)).toEqual({ action: 'remove' });
  });

  it('never removes an object with finalizers: it is marked, grace period 0 where nothing else waits', () => {
    expect(marked(planDeletion(pod({ finalizers: ['x/y'] }), 0, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:00Z', deletionGracePeriodSeconds: 0 });
    const configMap: KubeObject = { metadata: { name: 'cm', finalizers: ['x/y'], generation: 2 } };
    expect(marked(planDeletion(configMap, undefined, undefined, NOW))).toMatchObject({ deletionGracePeriodSeconds: 0, generation: 3 });
    expect(planDeletion({ metadata: { name: 'cm' } }, undefined, undefined, NOW)).toEqual({ action: 'remove' });
  });

  it('lets a second delete only shorten a pending grace period, never into the past', () => {
    const deleting = pod({ deletionTimestamp: '2026-05-20T10:00:20Z', deletionGracePeriodSeconds: 30 });
    expect(planDeletion(deleting, undefined, podGrace, NOW)).toEqual({ action: 'keep' });
    expect(planDeletion(deleting, 60, podGrace, NOW)).toEqual({ action: 'keep' });
    expect(marked(planDeletion(deleting, 15, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:05Z', deletionGracePeriodSeconds: 15 });
    expect(marked(planDeletion(deleting, 5, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:00Z', deletionGracePeriodSeconds: 1 });
    expect(planDeletion(deleting, 0, podGrace, NOW)).toEqual({ action: 'remove' });
  });

  it('reads gracePeriodSeconds from the query or the DeleteOptions body', () => {
    expect(requestedGracePeriod(undefined, new URLSearchParams('gracePeriodSeconds=0'))).toBe(0);
    expect(requestedGracePeriod({ kind: 'DeleteOptions', gracePeriodSeconds: 7, propagationPolicy: 'Background' }, new URLSearchParams())).toBe(7);
    expect(requestedGracePeriod({ propagationPolicy: 'Background' }, new URLSearchParams())).toBeUndefined();
    expect(() => requestedGracePeriod({ gracePeriodSeconds: 'soon' }, new URLSearchParams())).toThrow(/whole number of seconds/);
  });
});

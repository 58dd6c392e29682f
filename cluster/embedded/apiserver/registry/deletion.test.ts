import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { podStrategy } from './strategies/pod.js';
import { planDeletion, requestedDeletion } from './deletion.js';

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
    expect(marked(planDeletion(pod(), {}, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:30Z', deletionGracePeriodSeconds: 30 });
    expect(marked(planDeletion(pod(), { gracePeriod: 5 }, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:05Z', deletionGracePeriodSeconds: 5 });
  });

  it('removes at once a pod no node runs, a finished one, or one deleted with grace period 0', () => {
    expect(planDeletion(pod({ nodeName: '' }), {}, podGrace, NOW)).toEqual({ action: 'remove' });
    expect(planDeletion(pod({ phase: 'Succeeded' }), {}, podGrace, NOW)).toEqual({ action: 'remove' });
    expect(planDeletion(pod(), { gracePeriod: 0 }, podGrace, NOW)).toEqual({ action: 'remove' });
  });

  it('never removes an object with finalizers: it is marked, grace period 0 where nothing else waits', () => {
    expect(marked(planDeletion(pod({ finalizers: ['x/y'] }), { gracePeriod: 0 }, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:00Z', deletionGracePeriodSeconds: 0 });
    const configMap: KubeObject = { metadata: { name: 'cm', finalizers: ['x/y'], generation: 2 } };
    expect(marked(planDeletion(configMap, {}, undefined, NOW))).toMatchObject({ deletionGracePeriodSeconds: 0, generation: 3 });
    expect(planDeletion({ metadata: { name: 'cm' } }, {}, undefined, NOW)).toEqual({ action: 'remove' });
  });

  it('lets a second delete only shorten a pending grace period, never into the past', () => {
    const deleting = pod({ deletionTimestamp: '2026-05-20T10:00:20Z', deletionGracePeriodSeconds: 30 });
    expect(planDeletion(deleting, {}, podGrace, NOW)).toEqual({ action: 'keep' });
    expect(planDeletion(deleting, { gracePeriod: 60 }, podGrace, NOW)).toEqual({ action: 'keep' });
    expect(marked(planDeletion(deleting, { gracePeriod: 15 }, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:05Z', deletionGracePeriodSeconds: 15 });
    expect(marked(planDeletion(deleting, { gracePeriod: 5 }, podGrace, NOW))).toMatchObject({ deletionTimestamp: '2026-05-20T10:00:00Z', deletionGracePeriodSeconds: 1 });
    expect(planDeletion(deleting, { gracePeriod: 0 }, podGrace, NOW)).toEqual({ action: 'remove' });
  });

  it('reads the grace period and propagation policy from the query or the DeleteOptions body', () => {
    expect(requestedDeletion(undefined, new URLSearchParams('gracePeriodSeconds=0'))).toEqual({ gracePeriod: 0 });
    expect(requestedDeletion({ kind: 'DeleteOptions', gracePeriodSeconds: 7, propagationPolicy: 'Background' }, new URLSearchParams())).toEqual({ gracePeriod: 7, propagation: 'Background' });
    expect(requestedDeletion({ orphanDependents: true }, new URLSearchParams())).toEqual({ propagation: 'Orphan' });
    expect(requestedDeletion(undefined, new URLSearchParams('propagationPolicy=Foreground'))).toEqual({ propagation: 'Foreground' });
    expect(() => requestedDeletion({ gracePeriodSeconds: 'soon' }, new URLSearchParams())).toThrow(/whole number of seconds/);
    expect(() => requestedDeletion({ propagationPolicy: 'Later' }, new URLSearchParams())).toThrow(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan"',
    );
  });

  it('holds an owner deleted with Orphan or Foreground by the garbage collector\'s finalizer', () => {
    const deployment: KubeObject = { metadata: { name: 'd1', namespace: 'dev', generation: 1 } };
    expect(marked(planDeletion(deployment, { propagation: 'Orphan' }, undefined, NOW))).toMatchObject({ finalizers: ['orphan'], deletionGracePeriodSeconds: 0 });
    expect(marked(planDeletion(deployment, { propagation: 'Foreground' }, undefined, NOW))).toMatchObject({ finalizers: ['foregroundDeletion'] });
    expect(planDeletion(deployment, { propagation: 'Background' }, undefined, NOW)).toEqual({ action: 'remove' });
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.js';
import type { StrategyContext } from '../strategy.js';
import { ObjectStore } from '../../storage/store.js';
import { deploymentStrategy, replicaSetStrategy } from './apps.js';

const ctx = { user: { username: 'u', groups: [] }, namespace: 'default', store: new ObjectStore(), authorizer: { authorize: () => ({ decision: 'noOpinion', reason: '' }) }, now: new Date() } as StrategyContext;

/** What `kubectl create deployment web --image=nginx` sends. */
function sent(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
      strategy: {},
    },
    status: {},
  };
}

describe('Deployment strategy', () => {
  it('fills the apps/v1 defaults, the pod template\'s included', () => {
    const d = sent();
    deploymentStrategy.prepareForCreate!(d, ctx);
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx', resources: {}, imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          securityContext: {},
          schedulerName: 'default-scheduler',
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.metadata.generation).toBe(1);
  });

  it('refuses a selector that does not match the template\'s labels, with upstream\'s words', () => {
    const d = sent();
    (d.spec as { selector: unknown }).selector = { matchLabels: { app: 'other' } };
    expect(deploymentStrategy.validate!(d, ctx)).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.template.metadata.labels', detail: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`' },
    ]);
  });

  it('keeps status on updates, and moves generation on a spec or annotation change only', () => {
    const live = sent();
    deploymentStrategy.prepareForCreate!(live, ctx);
    live.status = { replicas: 1 };
    const labelled = structuredClone(live);
    labelled.metadata.labels = { app: 'web', team: 'a' };
    labelled.status = { replicas: 9 };
    deploymentStrategy.prepareForUpdate!(labelled, live, ctx);
    expect([labelled.metadata.generation, labelled.status]).toEqual([1, { replicas: 1 }]);
    const annotated = structuredClone(live);
    annotated.metadata.annotations = { note: 'x' };
    deploymentStrategy.prepareForUpdate!(annotated, live, ctx);
    expect(annotated.metadata.generation).toBe(2);
    const annotatedRs = structuredClone(live);
    annotatedRs.metadata.annotations = { note: 'x' };
    replicaSetStrategy.prepareForUpdate!(annotatedRs, live, ctx);
    expect(annotatedRs.metadata.generation).toBe(1);
  });
});

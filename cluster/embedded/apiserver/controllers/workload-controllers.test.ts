// The deployment, replicaset and garbage-collector controllers together with the pod lifecycle
// controller, over a real store and registry (strategies, graceful deletion, finalizers). Writes
// go through the registry as a client's would. Timers (pod termination, minReadySeconds, the
// progress deadline) are faked and moved on by hand, with the clock.

import { describe, expect, it, vi } from 'vitest';
import { KUBE_VERSIONS, VERSIONS, type KubeVersion } from '../../../versions.js';
import { validateFeatureGates } from '../../../feature-gates.js';
import type { KubeObject } from '../types.js';
import type { Deployment, ReplicaSet } from '../registry/strategies/apps.js';
import { ObjectStore, resourceKey, type WatchEvent } from '../storage/store.js';
import { catalogFor } from '../catalog/catalog.js';
import { StoreRbacSource } from '../authorization/store-rbac-source.js';
import { KubeApiserverAuthorizer } from '../authorization/authorizer-chain.js';
import { GenericRegistry } from '../registry/generic.js';
import { fieldSelectorsFor, strategyFor } from '../registry/strategies/index.js';
import { DEPLOYMENTS, InternalClient, PODS, REPLICA_SETS } from '../registry/internal-client.js';
import { runControllers } from './controller.js';
import { fakeControllerTimers } from '../../../../test/support/controller-timers.js';
import { PodLifecycleController } from './pod-lifecycle-controller.js';
import { DeploymentController } from './deployment-controller.js';
import { ReplicaSetController } from './replicaset-controller.js';
import { GarbageCollector } from './garbage-collector.js';

const POD_KEY = resourceKey('', 'pods');
const RS_KEY = resourceKey('apps', 'replicasets');
const DEPLOY_KEY = resourceKey('apps', 'deployments');

interface Lab {
  store: ObjectStore;
  /** A client as kubectl would be: its writes get defaults, generations, graceful deletion. */
  api: InternalClient;
  events: WatchEvent[];
  /** Moves the clock and the timers on, then lets the controllers settle. */
  advance(ms: number): Promise<void>;
}

async function settled(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
}

const stopAfterTest = fakeControllerTimers();

function lab(version: KubeVersion = '1.36'): Lab {
  let now = new Date('2026-05-20T10:00:00Z');
  const clock = () => now;
  const store = new ObjectStore(clock);
  store.create(resourceKey('', 'namespaces'), { metadata: { name: 'default' }, status: { phase: 'Active' } });
  store.create(resourceKey('', 'serviceaccounts'), { metadata: { name: 'default', namespace: 'default' } });
  store.create(resourceKey('', 'nodes'), {
    metadata: { name: 'n1' },
    spec: { podCIDR: '10.244.0.0/24' },
    status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }], nodeInfo: { kubeletVersion: VERSIONS[version].gitVersion } },
  });
  const catalog = catalogFor(version);
  const authorizer = new KubeApiserverAuthorizer(new StoreRbacSource(store), { authorizeNodeWithSelectors: VERSIONS[version].authorizeNodeWithSelectors });
  const registry = new GenericRegistry({ store, authorizer, strategyFor, fieldSelectorsFor, clock });
  const client = (username: string, groups: string[]) => new InternalClient({ registry, lookup: (g, v, p) => catalog.lookup(g, v, p) }, { username, groups });
  const system = client('system:serviceaccount:kube-system:controllers', ['system:authenticated']);
  const gates = validateFeatureGates(version, {});
  const terminatingReplicas = gates.ok && gates.effective['DeploymentReplicaSetTerminatingReplicas'] === true;
  const pods = new PodLifecycleController(store, clock);
  const deployments = new DeploymentController({ store, clock, client: system, terminatingReplicas });
  const replicaSets = new ReplicaSetController({ store, clock, client: system, terminatingReplicas });
  const stored = catalog.resources().filter((r) => r.storage !== 'review' && r.version === catalog.preferred(r.group));
  const gc = new GarbageCollector({ store, client: system, resources: () => stored });
  stopAfterTest(runControllers(store, [pods, deployments, replicaSets, gc]), () => pods.stop(), () => deployments.stop(), () => replicaSets.stop());
  const events: WatchEvent[] = [];
  stopAfterTest(store.subscribe((e) => events.push(e)));
  return {
    store,
    api: client('kubernetes-admin', ['kubeadm:cluster-admins', 'system:authenticated']),
    events,
    async advance(ms) {
      now = new Date(now.getTime() + ms);
      await vi.advanceTimersByTimeAsync(ms);
      await settled();
    },
  };
}

function deployment(name: string, spec: Partial<Deployment['spec']> = {}, metadata: Partial<KubeObject['metadata']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name }, ...metadata },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
      ...spec,
    },
  };
}

const get = <T extends KubeObject>(l: Lab, key: string, name: string) => l.store.get(key, 'default', name) as T | undefined;
const list = <T extends KubeObject>(l: Lab, key: string) => l.store.list(key, 'default') as T[];
const podsOf = (l: Lab, app: string) => list(l, POD_KEY).filter((p) => p.metadata.labels?.app === app);
const phase = (p: KubeObject) => (p.status as { phase?: string } | undefined)?.phase;

function withImage(d: Deployment, image: string): Deployment {
  const template = structuredClone(d.spec.template!);
  template.spec!.containers![0]!.image = image;
  return { ...d, spec: { ...d.spec, template } };
}

describe('Recreate', () => {
  it('creates the new ReplicaSet only after every old pod has stopped', async () => {
    const l = lab();
    l.api.create(DEPLOYMENTS, deployment('web', { strategy: { type: 'Recreate' } }));
    await settled();
    const [first] = list<ReplicaSet>(l, RS_KEY);
    expect(podsOf(l, 'web').map(phase)).toEqual(['Running', 'Running']);

    l.events.length = 0;
    l.api.update(DEPLOYMENTS, withImage(get<Deployment>(l, DEPLOY_KEY, 'web')!, 'nginx:1.28'));
    await l.advance(2000);
    const replicaSets = list<ReplicaSet>(l, RS_KEY);
    expect(replicaSets).toHaveLength(2);
    expect(get<ReplicaSet>(l, RS_KEY, first!.metadata.name!)?.spec.replicas).toBe(0);
    const created = l.events.findIndex((e) => e.type === 'ADDED' && e.resource === RS_KEY);
    const oldPodsStopped = l.events
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.type === 'MODIFIED' && e.resource === POD_KEY && e.object.metadata.labels?.['pod-template-hash'] === first!.metadata.labels?.['pod-template-hash'] && ['Succeeded', 'Failed'].includes(phase(e.object) ?? ''));
    expect(oldPodsStopped.length).toBeGreaterThanOrEqual(2);
    expect(oldPodsStopped.every(({ i }) => i < created)).toBe(true);
    const running = podsOf(l, 'web');
    expect(running).toHaveLength(2);
    expect(running.every((p) => (p.spec as { containers: { image: string }[] }).containers[0]!.image === 'nginx:1.28')).toBe(true);
  });
});

describe('RollingUpdate', () => {
  it('keeps revisionHistoryLimit old ReplicaSets, deleting the oldest revisions', async () => {
    const l = lab();
    l.api.create(DEPLOYMENTS, deployment('web', { replicas: 1, revisionHistoryLimit: 1 }));
    await settled();
    for (const image of ['nginx:1.28', 'nginx:1.29']) {
      l.api.update(DEPLOYMENTS, withImage(get<Deployment>(l, DEPLOY_KEY, 'web')!, image));
      await l.advance(2000);
    }
    const revisions = list<ReplicaSet>(l, RS_KEY).map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort();
    expect(revisions).toEqual(['2', '3']);
    expect(get<Deployment>(l, DEPLOY_KEY, 'web')?.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '3' });
  });

  it('holds a paused Deployment\'s template change until it is resumed, saying so in Progressing', async () => {
    const l = lab();
    l.api.create(DEPLOYMENTS, deployment('web', { replicas: 1 }));
    await settled();
    const progressing = () => get<Deployment>(l, DEPLOY_KEY, 'web')?.status?.conditions?.find((c) => c.type === 'Progressing');
    const paused = get<Deployment>(l, DEPLOY_KEY, 'web')!;
    l.api.update(DEPLOYMENTS, withImage({ ...paused, spec: { ...paused.spec, paused: true } }, 'nginx:1.28'));
    await l.advance(2000);
    expect(progressing()).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(list(l, RS_KEY)).toHaveLength(1);
    const current = get<Deployment>(l, DEPLOY_KEY, 'web')!;
    l.api.update(DEPLOYMENTS, { ...current, spec: { ...current.spec, paused: false } });
    await l.advance(2000);
    expect(list(l, RS_KEY)).toHaveLength(2);
    expect(progressing()).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('turns Progressing False with ProgressDeadlineExceeded when pods never become available', async () => {
    const l = lab();
    l.api.create(DEPLOYMENTS, deployment('web', { replicas: 1, progressDeadlineSeconds: 30, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1' }] } } }));
    await settled();
    const progressing = () => get<Deployment>(l, DEPLOY_KEY, 'web')?.status?.conditions?.find((c) => c.type === 'Progressing');
    // The pod was created: that is progress, even if it never becomes ready.
    expect(progressing()?.reason).toBe('ReplicaSetUpdated');
    await l.advance(29_000);
    expect(progressing()?.status).toBe('True');
    await l.advance(3000);
    const rs = list<ReplicaSet>(l, RS_KEY)[0]!;
    expect(progressing()).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` });
  });
});

describe('ReplicaSets', () => {
  it('adopt matching orphans, release pods relabelled away, and replace them', async () => {
    const l = lab();
    l.api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    await settled();
    const rs = l.api.create(REPLICA_SETS, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } } });
    await settled();
    const pods = podsOf(l, 'web');
    expect(pods.map((p) => p.metadata.name)).toContain('stray');
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);

    const stray = get(l, POD_KEY, 'stray')!;
    l.api.update(PODS, { ...stray, metadata: { ...stray.metadata, labels: { app: 'other' } } });
    await settled();
    expect(get(l, POD_KEY, 'stray')?.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(l, 'web')).toHaveLength(2);
  });

  it('count pods available only once they have been ready for minReadySeconds', async () => {
    const l = lab();
    l.api.create(REPLICA_SETS, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, minReadySeconds: 10, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } } });
    await settled();
    const status = () => get<ReplicaSet>(l, RS_KEY, 'web')?.status;
    expect(status()).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(status()?.availableReplicas).toBeUndefined();
    await l.advance(11_000);
    expect(status()?.availableReplicas).toBe(2);
  });

  it.each(KUBE_VERSIONS)('report terminatingReplicas where DeploymentReplicaSetTerminatingReplicas is on (v%s)', async (version) => {
    const l = lab(version);
    l.api.create(DEPLOYMENTS, deployment('web'));
    await settled();
    const [rs] = list<ReplicaSet>(l, RS_KEY);
    const on = version === '1.36';
    expect(rs!.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, ...(on ? { terminatingReplicas: 0 } : {}), observedGeneration: 1 });
    expect(get<Deployment>(l, DEPLOY_KEY, 'web')?.status?.terminatingReplicas).toBe(on ? 0 : undefined);
  });
});

describe('garbage collection', () => {
  it('orphans the dependents of an owner deleted with the orphan finalizer', async () => {
    const l = lab();
    l.api.create(DEPLOYMENTS, deployment('web', {}, { finalizers: ['orphan'] }));
    await settled();
    await l.api.delete(DEPLOYMENTS, 'default', 'web');
    await settled();
    expect(get(l, DEPLOY_KEY, 'web')).toBeUndefined();
    const [rs] = list<ReplicaSet>(l, RS_KEY);
    expect(rs?.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(l, 'web').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
  });

  it('deletes dependents first, and the owner last, in the foreground', async () => {
    const l = lab();
    l.api.create(DEPLOYMENTS, deployment('web', {}, { finalizers: ['foregroundDeletion'] }));
    await settled();
    await l.api.delete(DEPLOYMENTS, 'default', 'web');
    await settled();
    // The pods are stopping: their ReplicaSet and the Deployment wait, marked for deletion.
    expect(get(l, DEPLOY_KEY, 'web')?.metadata.deletionTimestamp).toBeDefined();
    const [rs] = list<ReplicaSet>(l, RS_KEY);
    expect(rs?.metadata.deletionTimestamp).toBeDefined();
    expect(rs?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(podsOf(l, 'web').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    await l.advance(2000);
    expect(podsOf(l, 'web')).toEqual([]);
    expect(list(l, RS_KEY)).toEqual([]);
    expect(get(l, DEPLOY_KEY, 'web')).toBeUndefined();
  });

  it('only drops the reference of a dependent that another owner still holds', async () => {
    const l = lab();
    const cm = l.api.create(resourceKeyTarget('configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keeper', namespace: 'default' } });
    l.api.create(DEPLOYMENTS, deployment('web', { replicas: 1 }));
    await settled();
    const [rs] = list<ReplicaSet>(l, RS_KEY);
    const keeper = { apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: cm.metadata.uid! };
    l.api.update(REPLICA_SETS, { ...rs!, metadata: { ...rs!.metadata, ownerReferences: [...(rs!.metadata.ownerReferences ?? []), keeper] } });
    await settled();
    await l.api.delete(DEPLOYMENTS, 'default', 'web');
    await settled();
    expect(get<ReplicaSet>(l, RS_KEY, rs!.metadata.name!)?.metadata.ownerReferences).toEqual([keeper]);
  });
});

function resourceKeyTarget(plural: string) {
  return { group: '', version: 'v1', plural };
}

// Deployments and ReplicaSets on a live embedded cluster, driven by the real kubectl as a learner
// drives kind: create, rollout status, get columns, scale (the scale subresource), set image (a
// rolling update), delete (the garbage collector's cascade), an image that never pulls, and RBAC
// on deployments/scale. One version: the controllers behave the same on every release but for
// status.terminatingReplicas (DeploymentReplicaSetTerminatingReplicas, on from 1.35), checked on
// each version by the unit tests; 1.36 has it on.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../../../../test/support/cluster.js';
import type { KubectlRunner } from '../../../../test/support/kubectl.js';
import type { EmbeddedCluster } from '../../cluster.js';
import { adminKubectl, kubectlMust } from '../../kubelet/testing/live-kubelet.js';

interface Meta {
  name: string;
  uid: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller: boolean; blockOwnerDeletion: boolean }[];
  deletionTimestamp?: string;
}
interface Item {
  metadata: Meta;
  spec: { replicas?: number; template?: { spec: { containers: { image: string }[] } }; containers?: { image: string }[]; strategy?: unknown };
  status: {
    phase?: string;
    replicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    terminatingReplicas?: number;
    observedGeneration?: number;
    conditions?: { type: string; status: string; reason: string; message: string }[];
  };
}

const HASH = /^[4-9bcdf]{1,10}$/;
const POD_SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

let cluster: EmbeddedCluster;
let kubectl: KubectlRunner;

beforeAll(async () => {
  cluster = await startTestCluster({ version: '1.36' });
  kubectl = await adminKubectl(cluster.kubeconfigPath);
}, 60_000);

afterAll(async () => {
  await cluster?.delete();
});

const run = (...args: string[]) => kubectlMust(kubectl, args);
const json = async <T>(...args: string[]): Promise<T> => JSON.parse(await run(...args, '-o', 'json')) as T;
const items = async (kind: string, selector: string) => (await json<{ items: Item[] }>('get', kind, '-l', selector)).items;
/** Live pods (not Terminating) of a selector. */
const livePods = async (selector: string) => (await items('pods', selector)).filter((p) => !p.metadata.deletionTimestamp);
const rolledOut = (name: string) => run('rollout', 'status', `deploy/${name}`, '--timeout=20s');

describe('a Deployment on a live cluster (v1.36)', () => {
  it('creates a ReplicaSet named by the pod-template-hash, which runs the pods, and rolls out', async () => {
    expect(await run('create', 'deployment', 'd1', '--image=nginx', '--replicas=2')).toBe('deployment.apps/d1 created\n');
    expect(await rolledOut('d1')).toContain('deployment "d1" successfully rolled out');

    const deployment = await json<Item>('get', 'deploy', 'd1');
    const [rs, ...moreRs] = await items('rs', 'app=d1');
    expect(moreRs).toEqual([]);
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(HASH);
    expect(rs!.metadata.name).toBe(`d1-${hash}`);
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd1', uid: deployment.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
      'deployment.kubernetes.io/revision': '1',
    });

    const pods = await livePods('app=d1');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.name.slice(0, rs!.metadata.name.length + 1)).toBe(`${rs!.metadata.name}-`);
      expect(pod.metadata.name.slice(rs!.metadata.name.length + 1)).toMatch(POD_SUFFIX);
      expect(pod.metadata.labels).toEqual({ app: 'd1', 'pod-template-hash': hash });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs!.metadata.name, uid: rs!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(pod.status.phase).toBe('Running');
    }

    expect(deployment.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(deployment.status).toMatchObject({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, terminatingReplicas: 0 });
    expect(deployment.status.conditions?.map(({ type, status, reason, message }) => ({ type, status, reason, message }))).toEqual([
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs!.metadata.name}" has successfully progressed.` },
    ]);
  });

  it('prints the READY, UP-TO-DATE and AVAILABLE columns, and the ReplicaSet\'s', async () => {
    const [header, row] = (await run('get', 'deploy', 'd1')).trim().split('\n');
    expect(header!.split(/\s+/)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(row!.split(/\s+/).slice(0, 4)).toEqual(['d1', '2/2', '2', '2']);
    const [rsHeader, rsRow] = (await run('get', 'rs', '-l', 'app=d1')).trim().split('\n');
    expect(rsHeader!.split(/\s+/)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(rsRow!.split(/\s+/).slice(1, 4)).toEqual(['2', '2', '2']);
  });

  it('scales through the scale subresource, up and down', async () => {
    expect(await run('scale', 'deploy', 'd1', '--replicas=3')).toBe('deployment.apps/d1 scaled\n');
    await rolledOut('d1');
    expect(await livePods('app=d1')).toHaveLength(3);
    const scale = JSON.parse(await run('get', '--raw', '/apis/apps/v1/namespaces/default/deployments/d1/scale')) as Record<string, unknown>;
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 }, status: { replicas: 3, selector: 'app=d1' } });

    expect(await run('scale', 'deploy', 'd1', '--replicas=1')).toBe('deployment.apps/d1 scaled\n');
    await rolledOut('d1');
    expect(await livePods('app=d1')).toHaveLength(1);
    const deployment = await json<Item>('get', 'deploy', 'd1');
    expect(deployment.metadata.generation).toBe(3);
    expect(deployment.status).toMatchObject({ observedGeneration: 3, replicas: 1, availableReplicas: 1 });
    const [rs] = await items('rs', 'app=d1');
    expect(rs!.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('1');
    // The pods scaled away are deleted gracefully, then go.
    await run('wait', '--for=delete', 'pods', '-l', 'app=d1', '--field-selector=status.phase!=Running', '--timeout=10s');
  });

  it('rolls out a new ReplicaSet on `kubectl set image`, the old one scaled to zero', async () => {
    const [before] = await items('rs', 'app=d1');
    await run('set', 'image', 'deploy/d1', 'nginx=nginx:1.27');
    expect(await rolledOut('d1')).toContain('deployment "d1" successfully rolled out');
    const replicaSets = await items('rs', 'app=d1');
    expect(replicaSets).toHaveLength(2);
    const old = replicaSets.find((rs) => rs.metadata.uid === before!.metadata.uid)!;
    const fresh = replicaSets.find((rs) => rs.metadata.uid !== before!.metadata.uid)!;
    expect(old.spec.replicas).toBe(0);
    expect(fresh.spec.replicas).toBe(1);
    expect(fresh.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(fresh.metadata.name).not.toBe(before!.metadata.name);
    await run('wait', '--for=delete', 'pods', '-l', `pod-template-hash=${old.metadata.labels!['pod-template-hash']!}`, '--timeout=10s');
    const pods = await livePods('app=d1');
    expect(pods.map((p) => p.spec.containers![0]!.image)).toEqual(['nginx:1.27']);
    expect((await json<Item>('get', 'deploy', 'd1')).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(await run('rollout', 'history', 'deploy/d1')).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
  });

  it('rolls back with `kubectl rollout undo`: the first ReplicaSet becomes revision 3', async () => {
    await run('rollout', 'undo', 'deploy/d1');
    await rolledOut('d1');
    const replicaSets = await items('rs', 'app=d1');
    const current = replicaSets.find((rs) => rs.spec.replicas === 1)!;
    expect(current.spec.template!.spec.containers[0]!.image).toBe('nginx');
    expect(current.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(replicaSets.filter((rs) => rs.spec.replicas === 0)).toHaveLength(1);
  });

  it('takes a Scale by PUT too (kubectl scale --current-replicas), and refuses a negative one', async () => {
    expect(await run('scale', 'deploy', 'd1', '--current-replicas=1', '--replicas=2')).toBe('deployment.apps/d1 scaled\n');
    const stale = await kubectl.run(['scale', 'deploy', 'd1', '--current-replicas=1', '--replicas=3']);
    expect(stale.stderr).toContain('Expected replicas to be 1, was 2');
    const negative = await kubectl.run(['patch', 'deploy', 'd1', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":-1}}']);
    expect(negative.stderr).toContain('The Scale "d1" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    await run('scale', 'deploy', 'd1', '--replicas=1');
    await rolledOut('d1');
  });

  it('authorizes deployments/scale like any subresource: edit may, view may not', async () => {
    await run('create', 'serviceaccount', 'viewer');
    await run('create', 'rolebinding', 'viewer', '--clusterrole=view', '--serviceaccount=default:viewer');
    await run('create', 'serviceaccount', 'editor');
    await run('create', 'rolebinding', 'editor', '--clusterrole=edit', '--serviceaccount=default:editor');
    const denied = await kubectl.run(['scale', 'deploy', 'd1', '--replicas=2', '--as=system:serviceaccount:default:viewer']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain(
      'deployments.apps "d1" is forbidden: User "system:serviceaccount:default:viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"',
    );
    expect(await run('scale', 'deploy', 'd1', '--replicas=1', '--as=system:serviceaccount:default:editor')).toBe('deployment.apps/d1 scaled\n');
  });

  it('deletes the ReplicaSets and their pods with the Deployment (background cascade)', async () => {
    expect(await run('delete', 'deploy', 'd1')).toContain('deployment.apps "d1" deleted');
    await run('wait', '--for=delete', 'pods', '-l', 'app=d1', '--timeout=10s');
    expect(await items('rs', 'app=d1')).toEqual([]);
  });

  it('orphans the ReplicaSet and pods with --cascade=orphan, and deletes them first with --cascade=foreground', async () => {
    await run('create', 'deployment', 'kept', '--image=nginx:1.27');
    await run('rollout', 'status', 'deploy/kept', '--timeout=10s');
    await run('delete', 'deploy', 'kept', '--cascade=orphan');
    await run('wait', '--for=delete', 'deploy/kept', '--timeout=10s');
    const [rs] = await items('rs', 'app=kept');
    expect(rs?.metadata.ownerReferences).toBeUndefined(); // released by the garbage collector
    expect((await items('pods', 'app=kept')).length).toBe(1);

    await run('create', 'deployment', 'fg', '--image=nginx:1.27');
    await run('rollout', 'status', 'deploy/fg', '--timeout=10s');
    await run('delete', 'deploy', 'fg', '--cascade=foreground', '--wait=true', '--timeout=20s');
    await run('wait', '--for=delete', 'pods', '-l', 'app=fg', '--timeout=10s');
    expect(await items('rs', 'app=fg')).toEqual([]);
  });

  it('keeps a Deployment whose image cannot be pulled unavailable', async () => {
    await run('create', 'deployment', 'bad', '--image=registry.invalid/app:1');
    const waited = await kubectl.run(['rollout', 'status', 'deploy/bad', '--timeout=2s']);
    expect(waited.code).not.toBe(0);
    expect(waited.stdout).toContain('Waiting for deployment "bad" rollout to finish: 0 of 1 updated replicas are available...');
    const [, row] = (await run('get', 'deploy', 'bad')).trim().split('\n');
    expect(row!.split(/\s+/).slice(0, 4)).toEqual(['bad', '0/1', '1', '0']);
    const bad = await json<Item>('get', 'deploy', 'bad');
    expect(bad.status).toMatchObject({ replicas: 1, unavailableReplicas: 1 });
    expect(bad.status.availableReplicas).toBeUndefined();
    expect(bad.status.conditions?.find((c) => c.type === 'Available')).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    });
    const [pod] = await livePods('app=bad');
    expect(pod!.status.phase).toBe('Pending');
  });
});

// Writes to pods/status with the real kubectl: the status subresource applies status and ignores
// spec; the main resource ignores status. The kubelet's /pods shows what was written.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../../../../test/support/cluster.js';
import type { KubectlRunner } from '../../../../test/support/kubectl.js';
import type { EmbeddedCluster } from '../../cluster.js';
import { adminKubectl, grant, kubectlMust, kubeletFetch, serviceAccountToken } from '../../kubelet/testing/live-kubelet.js';

let cluster: EmbeddedCluster;
let k: KubectlRunner;

beforeAll(async () => {
  cluster = await startTestCluster({ version: '1.33' });
  k = await adminKubectl(cluster.kubeconfigPath);
  await kubectlMust(k, ['run', 'web', '--image=nginx:1.27']);
  await kubectlMust(k, ['run', 'other', '--image=nginx:1.27']);
}, 60_000);

afterAll(async () => {
  await cluster?.delete();
});

const jsonPath = (name: string, path: string) => kubectlMust(k, ['get', 'pod', name, '-o', `jsonpath={${path}}`]);

describe('pods/status', () => {
  it('applies a strategic merge patch of the conditions, keyed by type', async () => {
    const patch = '{"status":{"conditions":[{"type":"Ready","status":"False","reason":"Drained"}]}}';
    expect(await kubectlMust(k, ['patch', 'pod', 'web', '--subresource=status', '-p', patch])).toBe('pod/web patched\n');
    expect(await jsonPath('web', '.status.conditions[?(@.type=="Ready")].reason')).toBe('Drained');
    expect(await jsonPath('web', '.status.conditions[*].type')).toBe('PodReadyToStartContainers Initialized Ready ContainersReady PodScheduled');
  });

  it('applies a phase, which kubectl get and the kubelet\'s /pods then show', async () => {
    const patch = '{"status":{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory."}}';
    expect(await kubectlMust(k, ['patch', 'pod', 'web', '--subresource=status', '--type=merge', '-p', patch])).toBe('pod/web patched\n');
    expect((await kubectlMust(k, ['get', 'pod', 'web', '--no-headers'])).split(/\s+/).slice(0, 3)).toEqual(['web', '1/1', 'Evicted']);
    const token = await serviceAccountToken(k, 'lister');
    await grant(k, 'lister', 'lister', [{ verbs: ['get'], resources: ['nodes/proxy'] }]);
    const res = await kubeletFetch(cluster.nodes[0]!, { path: '/pods', headers: { Authorization: `Bearer ${token}` } });
    const web = (JSON.parse(res.body) as { items: { metadata: { name: string }; status: { phase: string; reason?: string } }[] }).items.find((p) => p.metadata.name === 'web');
    expect(web?.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
  });

  it('ignores the spec and the owner references sent to it', async () => {
    const patch = '{"spec":{"activeDeadlineSeconds":5},"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"n","uid":"1"}]}}';
    expect(await kubectlMust(k, ['patch', 'pod', 'other', '--subresource=status', '--type=merge', '-p', patch])).toBe('pod/other patched (no change)\n');
    expect(await jsonPath('other', '.spec.activeDeadlineSeconds')).toBe('');
  });

  it('exists only where the resource has one, for get, patch and update', async () => {
    expect((await k.run(['get', '--raw', '/api/v1/namespaces/default/configmaps/kube-root-ca.crt/status'])).stderr).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
    // A DELETE of the status is no DELETE of the pod.
    expect((await k.run(['delete', '--raw', '/api/v1/namespaces/default/pods/other/status'])).stderr).toBe(
      'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n',
    );
    expect(await jsonPath('other', '.metadata.name')).toBe('other');
    expect(JSON.parse(await kubectlMust(k, ['get', '--raw', '/api/v1/namespaces/default/pods/other/status'])).kind).toBe('Pod');
  });

  it('answers a method a resource has no route for as go-restful does, and a watch of what only lists as its handler does', async () => {
    expect((await k.run(['get', '--raw', '/apis/authentication.k8s.io/v1/tokenreviews'])).stderr).toBe(
      'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n',
    );
    expect((await k.run(['get', '--raw', '/api/v1/componentstatuses?watch=true'])).stderr).toBe(
      // The deprecation warning comes with every answer for the kind, refusals included.
      'Warning: v1 ComponentStatus is deprecated in v1.19+\nError from server (MethodNotAllowed): watch is not supported on resources of kind "componentstatuses"\n',
    );
  });

  it('is the only way in: status sent to the pod itself is ignored', async () => {
    expect(await kubectlMust(k, ['patch', 'pod', 'other', '--type=merge', '-p', '{"status":{"phase":"Succeeded"}}'])).toBe('pod/other patched (no change)\n');
    expect(await jsonPath('other', '.status.phase')).toBe('Running');
  });

  it('accepts a whole status with kubectl replace --subresource=status', async () => {
    const pod = JSON.parse(await kubectlMust(k, ['get', 'pod', 'other', '-o', 'json'])) as { status: { conditions: { type: string; reason?: string }[] } };
    pod.status.conditions = pod.status.conditions.map((c) => (c.type === 'Ready' ? { ...c, reason: 'Replaced' } : c));
    expect(await kubectlMust(k, ['replace', '--subresource=status', '-f', '-'], JSON.stringify(pod))).toBe('pod/other replaced\n');
    expect(await jsonPath('other', '.status.conditions[?(@.type=="Ready")].reason')).toBe('Replaced');
  });
});

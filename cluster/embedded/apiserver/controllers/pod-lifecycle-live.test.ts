// A pod's life on live embedded clusters, through the real kubectl and the node's kubelet API: an
// image that cannot be pulled (ErrImagePull, then ImagePullBackOff), and a deleted pod that
// finalizers keep Terminating. /pods and /runningpods/ must agree with the pod objects.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBE_VERSIONS, type KubeVersion } from '../../../versions.js';
import { startTestCluster } from '../../../../test/support/cluster.js';
import type { KubectlRunner } from '../../../../test/support/kubectl.js';
import type { EmbeddedCluster } from '../../cluster.js';
import { adminKubectl, grant, kubectlMust, kubeletFetch, serviceAccountToken } from '../../kubelet/testing/live-kubelet.js';

const PULL_ERROR =
  'rpc error: code = Unknown desc = failed to pull and unpack image "registry.invalid/nope:1": failed to resolve reference ' +
  '"registry.invalid/nope:1": failed to do request: Head "https://registry.invalid/v2/nope/manifests/1": dial tcp: lookup ' +
  'registry.invalid on 172.18.0.1:53: no such host';

const BACKOFF_MESSAGE: Readonly<Record<KubeVersion, string>> = {
  '1.31': 'Back-off pulling image "registry.invalid/nope:1"',
  '1.33': `Back-off pulling image "registry.invalid/nope:1": ErrImagePull: ${PULL_ERROR}`,
  '1.36': `Back-off pulling image "registry.invalid/nope:1": ErrImagePull: ${PULL_ERROR}`,
};

const PODS = `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec: {containers: [{name: app, image: "nginx:1.27"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: broken}
spec: {containers: [{name: app, image: "registry.invalid/nope:1"}]}
`;

interface Live {
  cluster: EmbeddedCluster;
  kubectl: KubectlRunner;
  token: string;
}
const clusters = new Map<KubeVersion, Live>();

beforeAll(async () => {
  for (const version of KUBE_VERSIONS) {
    const cluster = await startTestCluster({ version });
    const kubectl = await adminKubectl(cluster.kubeconfigPath);
    const token = await serviceAccountToken(kubectl, 'lister');
    await grant(kubectl, 'lister', 'lister', [{ verbs: ['get'], resources: ['nodes/proxy'] }]);
    clusters.set(version, { cluster, kubectl, token });
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([...clusters.values()].map((l) => l.cluster.delete()));
});

interface ListedPod {
  metadata: { name: string; deletionTimestamp?: string };
  spec: { containers: { name: string; image: string }[] | null };
  status: { phase?: string; containerStatuses?: { state: { waiting?: { reason: string } } }[] };
}

async function kubeletList(live: Live, path: '/pods' | '/runningpods/'): Promise<Map<string, ListedPod>> {
  const res = await kubeletFetch(live.cluster.nodes[0]!, { path, headers: { Authorization: `Bearer ${live.token}` } });
  expect(res.status).toBe(200);
  const items = (JSON.parse(res.body) as { items: ListedPod[] }).items;
  return new Map(items.map((p) => [p.metadata.name, p]));
}

const row = async (live: Live, name: string) => (await kubectlMust(live.kubectl, ['get', 'pod', name, '--no-headers'])).trim().split(/\s+/);

const jsonPath = (live: Live, name: string, path: string) => kubectlMust(live.kubectl, ['get', 'pod', name, '-o', `jsonpath={${path}}`]);

/** `kubectl wait --for=jsonpath=...`: a watch (kubectl 1.35 streams the initial state where WatchList is on, else lists first). */
async function until(live: Live, name: string, path: string, want: string, timeoutMs: number): Promise<void> {
  await kubectlMust(live.kubectl, ['wait', `pod/${name}`, `--for=jsonpath={${path}}=${want}`, `--timeout=${Math.ceil(timeoutMs / 1000)}s`]);
}

const WAITING = '.status.containerStatuses[0].state.waiting';

describe.each(KUBE_VERSIONS)('a pod whose image cannot be pulled, first sync on v%s', (version) => {
  const live = () => clusters.get(version)!;

  it('kubectl shows it in ErrImagePull, with containerd\'s error, beside a Running one', async () => {
    // Created here, so that the checks below fall inside the pod worker's back-off period.
    await kubectlMust(live().kubectl, ['apply', '-f', '-'], PODS);
    expect((await row(live(), 'broken')).slice(0, 4)).toEqual(['broken', '0/1', 'ErrImagePull', '0']);
    expect((await row(live(), 'web')).slice(0, 4)).toEqual(['web', '1/1', 'Running', '0']);
    expect(await jsonPath(live(), 'broken', `${WAITING}.message`)).toBe(PULL_ERROR);
  });

  it('the kubelet lists it in /pods, waiting, and in /runningpods/ as a sandbox without containers', async () => {
    const pods = await kubeletList(live(), '/pods');
    expect(pods.get('broken')?.status.phase).toBe('Pending');
    expect(pods.get('broken')?.status.containerStatuses?.[0]?.state.waiting?.reason).toBe('ErrImagePull');
    const running = await kubeletList(live(), '/runningpods/');
    expect(running.get('broken')?.spec.containers).toBeNull();
    expect(running.get('web')?.spec.containers?.map((c) => c.name)).toEqual(['app']);
  });
});

describe.each(KUBE_VERSIONS)('the same pod, backed off on v%s', (version) => {
  const live = () => clusters.get(version)!;

  it('is in ImagePullBackOff after the pod worker\'s back-off period, with this kubelet\'s message', async () => {
    await until(live(), 'broken', `${WAITING}.reason`, 'ImagePullBackOff', 20_000);
    expect((await row(live(), 'broken')).slice(0, 3)).toEqual(['broken', '0/1', 'ImagePullBackOff']);
    expect(await jsonPath(live(), 'broken', `${WAITING}.message`)).toBe(BACKOFF_MESSAGE[version]);
    expect((await kubeletList(live(), '/runningpods/')).get('broken')?.spec.containers).toBeNull();
  }, 30_000);

  it('runs once `kubectl set image` names an image that can be pulled, and its container answers exec', async () => {
    await kubectlMust(live().kubectl, ['set', 'image', 'pod/broken', 'app=nginx:1.27']);
    await until(live(), 'broken', '.status.phase', 'Running', 10_000);
    expect((await row(live(), 'broken')).slice(0, 4)).toEqual(['broken', '1/1', 'Running', '0']);
    expect(await kubectlMust(live().kubectl, ['exec', 'broken', '--', 'hostname'])).toBe('broken\n');
    expect((await kubeletList(live(), '/runningpods/')).get('broken')?.spec.containers?.map((c) => c.name)).toEqual(['app']);
  }, 30_000);
});

describe('a deleted pod with a finalizer', () => {
  it('stays, in /pods but no longer running, until its finalizer is removed', async () => {
    const live = clusters.get('1.36')!;
    const k = live.kubectl;
    await kubectlMust(k, ['run', 'held', '--image=nginx:1.27', '--overrides={"metadata":{"finalizers":["kubelab.test/hold"]}}']);
    await until(live, 'held', '.status.phase', 'Running', 5_000);
    expect((await kubeletList(live, '/runningpods/')).has('held')).toBe(true);

    expect(await kubectlMust(k, ['delete', 'pod', 'held', '--wait=false'])).toMatch(/^pod "held" deleted/);
    // The kubelet stopped it and reported the terminal phase; its final delete (grace period 0)
    // comes a second later and cannot remove it. kubectl prints a finished pod's phase, not Terminating.
    await until(live, 'held', '.metadata.deletionGracePeriodSeconds', '0', 5_000);
    expect((await row(live, 'held')).slice(0, 3)).toEqual(['held', '0/1', 'Completed']);
    const pods = await kubeletList(live, '/pods');
    expect(pods.get('held')?.metadata.deletionTimestamp).toBeDefined();
    expect(pods.get('held')?.status.phase).toBe('Succeeded');
    expect((await kubeletList(live, '/runningpods/')).has('held')).toBe(false);

    expect(await kubectlMust(k, ['patch', 'pod', 'held', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]'])).toBe('pod/held patched\n');
    const gone = await k.run(['get', 'pod', 'held']);
    expect(gone.stderr).toBe('Error from server (NotFound): pods "held" not found\n');
    expect((await kubeletList(live, '/pods')).has('held')).toBe(false);
  }, 30_000);
});

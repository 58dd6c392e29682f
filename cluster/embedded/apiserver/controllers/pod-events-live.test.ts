// Events on live embedded clusters, read with the real kubectl: `kubectl describe pod` for a running
// pod and for one whose image cannot be pulled, `kubectl get events` (server-side Table), field
// selectors, and `kubectl events --for`. The kubelet's wording is that of each cluster's release.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBE_VERSIONS, type KubeVersion } from '../../../versions.js';
import { startTestCluster } from '../../../../test/support/cluster.js';
import type { KubectlRunner } from '../../../../test/support/kubectl.js';
import type { EmbeddedCluster } from '../../cluster.js';
import { adminKubectl, kubectlMust } from '../../kubelet/testing/live-kubelet.js';
import { pullError } from './image-pull.js';

const IMAGE = 'registry.invalid/nope:1';

/** Created and Started of the container `web` (what `kubectl run web` names it), as each release's kubelet words them. */
const STARTED: Readonly<Record<KubeVersion, [string, string]>> = {
  '1.31': ['Created container web', 'Started container web'],
  '1.33': ['Created container: web', 'Started container web'],
  '1.36': ['Container created', 'Container started'],
};

interface Live {
  cluster: EmbeddedCluster;
  kubectl: KubectlRunner;
}
const clusters = new Map<KubeVersion, Live>();

beforeAll(async () => {
  for (const version of KUBE_VERSIONS) {
    const cluster = await startTestCluster({ version });
    const kubectl = await adminKubectl(cluster.kubeconfigPath);
    await kubectlMust(kubectl, ['run', 'web', '--image=nginx:1.27']);
    await kubectlMust(kubectl, ['run', 'broken', `--image=${IMAGE}`]);
    clusters.set(version, { cluster, kubectl });
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([...clusters.values()].map((l) => l.cluster.delete()));
});

interface Row {
  type: string;
  reason: string;
  age: string;
  from: string;
  message: string;
}

/** The Events table of `kubectl describe`: columns are at least two spaces apart, an age may hold single spaces. */
function describedEvents(out: string): Row[] {
  const section = out.slice(out.indexOf('\nEvents:\n'));
  return section
    .split('\n')
    .slice(4)
    .filter((l) => l.trim())
    .map((l) => {
      const [type = '', reason = '', age = '', from = '', ...message] = l.trim().split(/ {2,}/);
      return { type, reason, age, from, message: message.join('  ') };
    });
}

/** kubectl 1.35 prefixes a container's events with its field path (kubernetes#133627). */
const onContainer = (k: KubectlRunner, container: string, message: string) => (k.minor >= 35 ? `spec.containers{${container}}: ${message}` : message);

const AGE = /^\d+s$/;
const REPEATED_AGE = /^\d+s( \(x\d+ over \d+s\))?$/;

describe.each(KUBE_VERSIONS)('kubectl describe pod on v%s', (version) => {
  const live = () => clusters.get(version)!;

  it('ends a running pod\'s description with Scheduled, then the kubelet pulling, creating and starting it', async () => {
    const k = live().kubectl;
    const node = live().cluster.nodes[0]!.name;
    const rows = describedEvents(await kubectlMust(k, ['describe', 'pod', 'web']));
    const [created, started] = STARTED[version];
    expect(rows.map(({ type, reason, from }) => `${type} ${reason} ${from}`)).toEqual([
      'Normal Scheduled default-scheduler',
      'Normal Pulling kubelet',
      'Normal Pulled kubelet',
      'Normal Created kubelet',
      'Normal Started kubelet',
    ]);
    expect(rows.map((r) => r.message)).toEqual([
      `Successfully assigned default/web to ${node}`,
      onContainer(k, 'web', 'Pulling image "nginx:1.27"'),
      expect.stringMatching(/Successfully pulled image "nginx:1\.27" in \S+ \(\S+ including waiting\)\. Image size: \d+ bytes\.$/),
      onContainer(k, 'web', created),
      onContainer(k, 'web', started),
    ]);
    for (const r of rows) expect(r.age).toMatch(AGE);
  });

  it('shows the failed pull of an unpullable image, then the back-off, counted as it repeats', async () => {
    const k = live().kubectl;
    await kubectlMust(k, ['wait', 'pod/broken', '--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ImagePullBackOff', '--timeout=20s']);
    const rows = describedEvents(await kubectlMust(k, ['describe', 'pod', 'broken']));
    expect(rows.map(({ type, reason, from, message }) => [type, reason, from, message])).toEqual([
      ['Normal', 'Scheduled', 'default-scheduler', expect.stringMatching(/^Successfully assigned default\/broken to /)],
      ['Normal', 'Pulling', 'kubelet', onContainer(k, 'broken', `Pulling image "${IMAGE}"`)],
      ['Warning', 'Failed', 'kubelet', onContainer(k, 'broken', `Failed to pull image "${IMAGE}": ${pullError(IMAGE)}`)],
      ['Warning', 'Failed', 'kubelet', onContainer(k, 'broken', 'Error: ErrImagePull')],
      ['Normal', 'BackOff', 'kubelet', onContainer(k, 'broken', `Back-off pulling image "${IMAGE}"`)],
      ['Warning', 'Failed', 'kubelet', onContainer(k, 'broken', 'Error: ImagePullBackOff')],
    ]);
    for (const r of rows.slice(4)) expect(r.age).toMatch(REPEATED_AGE);
  }, 30_000);
});

describe.each(KUBE_VERSIONS)('kubectl get events on v%s', (version) => {
  const live = () => clusters.get(version)!;
  const table = async (args: string[]) => (await kubectlMust(live().kubectl, args)).trimEnd().split('\n').map((l) => l.split(/ {2,}/));

  it('lists them with the server\'s columns: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE', async () => {
    const [header, ...rows] = await table(['get', 'events']);
    expect(header).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(rows).toContainEqual([expect.stringMatching(AGE), 'Warning', 'Failed', 'pod/broken', 'Error: ErrImagePull']);
    expect(rows).toContainEqual([expect.stringMatching(AGE), 'Normal', 'Started', 'pod/web', STARTED[version][1]]);
  });

  it('selects Warnings across namespaces, and one object\'s events by reason', async () => {
    const [header, ...warnings] = await table(['get', 'events', '-A', '--field-selector', 'type=Warning']);
    expect(header).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    for (const row of warnings) expect(row.slice(0, 5)).toEqual(['default', expect.stringMatching(AGE), 'Warning', expect.any(String), 'pod/broken']);

    const [, ...started] = await table(['get', 'events', '--field-selector', 'involvedObject.name=web,reason=Started,source=kubelet', '-o', 'wide']);
    expect(started).toHaveLength(1);
    expect(started[0]?.slice(4, 6)).toEqual(['spec.containers{web}', `kubelet, ${live().cluster.nodes[0]!.name}`]);
  });

  it('is what `kubectl events --for pod/broken` reads too', async () => {
    const [header, ...rows] = await table(['events', '--for', 'pod/broken', '--types=Warning']);
    expect(header).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(rows.map((r) => [r[1], r[3]])).toEqual(rows.map(() => ['Warning', 'Pod/broken']));
    expect(rows.map((r) => r[4])).toContain('Error: ErrImagePull');
  });

  it('answers a field selector events do not support with the upstream error', async () => {
    const r = await live().kubectl.run(['get', 'events', '--field-selector', 'involvedObject.labels=x']);
    expect(r.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", field selector "involvedObject.labels=x": field label not supported: involvedObject.labels\n');
  });
});

// The kind provider against the recording kind/docker stand-ins: the exact commands per operation,
// progress stage by stage, failures (kind dying half-way, Docker missing or down, name clash, kind
// too old, cgroup v1) with their cleanup, adoption after a restart, and deletion.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KindProvider } from '../../cluster/kind/kind-provider.js';
import { KindRuntimeError } from '../../cluster/kind/errors.js';
import { InvalidClusterSpecError } from '../../cluster/embedded/errors.js';
import type { ClusterSpec, Progress } from '../../cluster/provider.js';
import { VERSIONS } from '../../cluster/versions.js';
import { fakeHost, type FakeHost } from './fake-host.js';

const IMAGE_133 = VERSIONS['1.33'].kind.nodeImage;

function provider(host: FakeHost, extra: Partial<ConstructorParameters<typeof KindProvider>[0]> = {}): KindProvider {
  return new KindProvider({ stateDir: join(host.root, 'state'), env: host.env, live: false, kubeletRoute: 'docker-exec', ...extra });
}

const spec = (over: Partial<ClusterSpec> = {}): ClusterSpec => ({ name: 'lab-abc123', version: '1.33', nodes: 2, ...over });

async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as Error,
  );
}

describe('kind provider: create', () => {
  it('runs the preflight, kind create with the pinned image and generated config, then finds the nodes', async () => {
    const host = fakeHost();
    const kubeconfigPath = join(host.root, 'labs', 'lab-abc123', 'kubeconfig');
    const cluster = await provider(host).create(spec({ featureGates: { KubeletFineGrainedAuthz: false } }), () => {}, { kubeconfigPath });
    const dir = join(host.root, 'state', 'kubelab-lab-abc123');
    expect(host.commandLines()).toEqual([
      'docker info --format {{json .}}',
      'kind version',
      'kind get clusters',
      `kind create cluster --name kubelab-lab-abc123 --image ${IMAGE_133} --config ${join(dir, 'kind-config.yaml')} --kubeconfig ${kubeconfigPath} --wait 180s`,
      'kind get nodes --name kubelab-lab-abc123',
      'docker inspect --format {{json .NetworkSettings.Networks}} kubelab-lab-abc123-control-plane kubelab-lab-abc123-worker',
    ]);
    expect(host.calls().every((c) => c.network === undefined)).toBe(true); // the shared kind network
    expect(cluster.runtime).toBe('kind');
    expect(cluster.gitVersion).toBe('v1.33.12');
    expect(cluster.kubeconfigPath).toBe(kubeconfigPath);
    expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(cluster.nodes).toEqual([
      { name: 'kubelab-lab-abc123-control-plane', role: 'control-plane', internalIP: '172.18.0.2', kubeletPort: 10250 },
      { name: 'kubelab-lab-abc123-worker', role: 'worker', internalIP: '172.18.0.3', kubeletPort: 10250 },
    ]);
    const config = parse(readFileSync(join(dir, 'kind-config.yaml'), 'utf8')) as { featureGates: Record<string, boolean>; nodes: { role: string }[] };
    expect(config.featureGates).toEqual({ KubeletFineGrainedAuthz: false });
    expect(config.nodes.map((n) => n.role)).toEqual(['control-plane', 'worker']);
    await cluster.delete();
  });

  it('streams kind\'s stages to the progress reporter, named without their icons, in order', async () => {
    const host = fakeHost();
    const events: Progress[] = [];
    const cluster = await provider(host).create(spec(), (p) => events.push(p));
    const seen = events.map((p) => `${p.state} ${p.stage}`);
    expect(seen).toEqual([
      'start Validating configuration',
      'done Validating configuration',
      'start Checking Docker and kind',
      'done Checking Docker and kind',
      'start Ensuring node image (kindest/node:v1.33.12)',
      'done Ensuring node image (kindest/node:v1.33.12)',
      'start Preparing nodes',
      'done Preparing nodes',
      'start Writing configuration',
      'done Writing configuration',
      'start Starting control-plane',
      'done Starting control-plane',
      'start Installing CNI',
      'done Installing CNI',
      'start Installing StorageClass',
      'done Installing StorageClass',
      'start Joining worker nodes',
      'done Joining worker nodes',
      'start Waiting ≤ 3m0s for control-plane = Ready',
      'done Waiting ≤ 3m0s for control-plane = Ready',
      'done Ready after 21s',
      'start Connecting to the nodes',
      'done Connecting to the nodes',
    ]);
    await cluster.delete();
  });

  it('refuses a gate the version does not know, with the kubelet\'s message, before running anything', async () => {
    const host = fakeHost();
    const e = await failure(provider(host).create(spec({ version: '1.31', featureGates: { KubeletFineGrainedAuthz: true } })));
    expect(e).toBeInstanceOf(InvalidClusterSpecError);
    expect(e.message).toBe('unrecognized feature gate: KubeletFineGrainedAuthz');
    expect(host.calls()).toEqual([]);
  });

  it('refuses to turn off a gate that is locked on 1.36', async () => {
    const host = fakeHost();
    const e = await failure(provider(host).create(spec({ version: '1.36', featureGates: { KubeletFineGrainedAuthz: false } })));
    expect(e.message).toBe('cannot set feature gate KubeletFineGrainedAuthz to false, feature is locked to true');
    expect(host.calls()).toEqual([]);
  });

  it('puts each cluster on its own Docker network when asked, and removes the network with it', async () => {
    const host = fakeHost();
    const cluster = await provider(host, { isolateNetworks: true }).create(spec({ nodes: 1 }));
    const create = host.calls().find((c) => c.argv[0] === 'create')!;
    expect(create.network).toBe('kubelab-lab-abc123');
    expect(cluster.network).toBe('kubelab-lab-abc123');
    await cluster.delete();
    expect(host.commandLines().slice(-2)).toEqual(['kind delete cluster --name kubelab-lab-abc123', 'docker network rm kubelab-lab-abc123']);
  });

  it('connects a containerised lab server to per-cluster networks and writes the internal kubeconfig', async () => {
    const host = fakeHost();
    const kubeconfigPath = join(host.root, 'kc');
    const cluster = await provider(host, { isolateNetworks: true, labContainer: 'kubelab', internalKubeconfig: true }).create(spec({ nodes: 1 }), () => {}, { kubeconfigPath });
    const lines = host.commandLines();
    expect(lines).toContain('docker network connect kubelab-lab-abc123 kubelab');
    expect(lines).toContain('kind get kubeconfig --name kubelab-lab-abc123 --internal');
    expect(cluster.server).toBe('https://kubelab-lab-abc123-control-plane:6443');
    await cluster.delete();
    expect(host.commandLines().slice(-3)).toEqual([
      'kind delete cluster --name kubelab-lab-abc123',
      'docker network disconnect --force kubelab-lab-abc123 kubelab',
      'docker network rm kubelab-lab-abc123',
    ]);
  });
});

describe('kind provider: failures', () => {
  it('kind failing half-way: the stage is marked failed, kind\'s error is kept, and what it left is deleted', async () => {
    const host = fakeHost(undefined, { failAt: 'Starting control-plane', leaveNodes: true });
    const events: Progress[] = [];
    const e = await failure(provider(host).create(spec(), (p) => events.push(p)));
    expect(e).toBeInstanceOf(KindRuntimeError);
    expect((e as KindRuntimeError).problem).toBe('create-failed');
    expect(e.message).toContain('kind create cluster failed at "Starting control-plane": failed to create cluster: failed to init node with kubeadm');
    expect(e.message).toContain('[kubelet-check] The kubelet is not healthy after 4m0s');
    expect(events).toContainEqual(expect.objectContaining({ stage: 'Starting control-plane', state: 'failed' }));
    expect(host.commandLines().at(-1)).toBe('kind delete cluster --name kubelab-lab-abc123');
    expect(host.state().clusters).toEqual({});
    expect(existsSync(join(host.root, 'state', 'kubelab-lab-abc123'))).toBe(false);
  });

  it('the nodes never become Ready (kind still exits 0): the cluster is deleted and the error says so', async () => {
    const host = fakeHost(undefined, { waitTimesOut: true });
    const e = await failure(provider(host, { wait: '30s' }).create(spec()));
    expect((e as KindRuntimeError).problem).toBe('not-ready');
    expect(e.message).toContain('did not become Ready within 30s');
    expect(host.commandLines().at(-1)).toBe('kind delete cluster --name kubelab-lab-abc123');
    expect(host.state().clusters).toEqual({});
  });

  it('Docker not installed: says to install it, and never calls kind create', async () => {
    const host = fakeHost(['kind']);
    const e = await failure(provider(host).create(spec()));
    expect((e as KindRuntimeError).problem).toBe('docker-missing');
    expect(e.message).toContain('install Docker Engine');
    expect(host.commandLines()).toEqual([]);
  });

  it('Docker daemon down: passes on docker\'s reason and how to start it', async () => {
    const host = fakeHost(undefined, { docker: 'down' });
    const e = await failure(provider(host).create(spec()));
    expect((e as KindRuntimeError).problem).toBe('docker-unreachable');
    expect(e.message).toContain('Cannot connect to the Docker daemon at unix:///var/run/docker.sock');
    expect(e.message).toContain('start the Docker daemon');
    expect(host.commandLines()).toEqual(['docker info --format {{json .}}']);
  });

  it('kind not installed', async () => {
    const host = fakeHost(['docker']);
    const e = await failure(provider(host).create(spec()));
    expect((e as KindRuntimeError).problem).toBe('kind-missing');
    expect(e.message).toContain('install kind');
  });

  it('kind too old for the node image: names both versions', async () => {
    const host = fakeHost(undefined, { kindVersion: 'v0.31.0' });
    const e = await failure(provider(host).create(spec()));
    expect((e as KindRuntimeError).problem).toBe('kind-too-old');
    expect(e.message).toContain(`kind v0.31.0 is too old for ${IMAGE_133}, which needs kind v0.32.0 or newer`);
  });

  it('cgroup v1 host: v1.36 is refused, v1.31 goes ahead', async () => {
    const host = fakeHost(undefined, { cgroupVersion: '1' });
    const e = await failure(provider(host).create(spec({ version: '1.36' })));
    expect((e as KindRuntimeError).problem).toBe('cgroup-v1');
    const cluster = await provider(host).create(spec({ version: '1.31' }));
    expect(cluster.gitVersion).toBe('v1.31.14');
    await cluster.delete();
  });

  it('name clash: refused before kind create, and the existing cluster is left alone', async () => {
    const host = fakeHost(undefined, { clusters: { 'kubelab-lab-abc123': { image: IMAGE_133, network: 'kind', port: 40001, nodes: [{ name: 'kubelab-lab-abc123-control-plane', ip: '172.18.0.9' }] } } });
    const e = await failure(provider(host).create(spec()));
    expect((e as KindRuntimeError).problem).toBe('name-clash');
    expect(e.message).toContain('kubelab cluster down kubelab-lab-abc123');
    expect(host.commandLines()).not.toContain('kind delete cluster --name kubelab-lab-abc123');
    expect(Object.keys(host.state().clusters)).toEqual(['kubelab-lab-abc123']);
  });
});

describe('kind provider: lifecycle', () => {
  it('lists only the lab\'s clusters and adopts them after a restart, with their spec and kubeconfig', async () => {
    const host = fakeHost(undefined, { clusters: { dev: { image: IMAGE_133, network: 'kind', port: 40009, nodes: [{ name: 'dev-control-plane', ip: '172.18.0.20' }] } } });
    const first = provider(host);
    const created = await first.create(spec({ featureGates: { KubeletFineGrainedAuthz: false } }));
    expect(await first.list()).toEqual(['kubelab-lab-abc123']);

    const restarted = provider(host);
    const [adopted, ...more] = await restarted.adopt();
    expect(more).toEqual([]);
    expect(adopted!.kindName).toBe('kubelab-lab-abc123');
    expect(adopted!.spec).toEqual(created.spec);
    expect(adopted!.kubeconfigPath).toBe(created.kubeconfigPath);
    expect(adopted!.nodes).toEqual(created.nodes);
    await adopted!.delete();
    expect(Object.keys(host.state().clusters)).toEqual(['dev']);
  });

  it('adopts a lab cluster it has no record of: version from the node image, kubeconfig from kind', async () => {
    const host = fakeHost(undefined, {
      clusters: { 'kubelab-lost': { image: VERSIONS['1.36'].kind.nodeImage, network: 'kind', port: 40010, nodes: [{ name: 'kubelab-lost-control-plane', ip: '172.18.0.30' }] } },
    });
    const [adopted] = await provider(host).adopt();
    expect(adopted!.spec).toEqual({ name: 'lost', version: '1.36', nodes: 1 });
    expect(host.commandLines()).toContain('docker inspect --format {{.Config.Image}} kubelab-lost-control-plane');
    expect(host.commandLines()).toContain('kind get kubeconfig --name kubelab-lost');
    expect(readFileSync(adopted!.kubeconfigPath, 'utf8')).toContain('server: https://127.0.0.1:40010');
  });

  it('deletes by id or kind name, and deleting a cluster that is gone is not an error', async () => {
    const host = fakeHost();
    const p = provider(host);
    await p.create(spec({ nodes: 1 }));
    await p.delete('lab-abc123');
    expect(host.state().clusters).toEqual({});
    await p.delete('kubelab-lab-abc123');
    expect(host.commandLines().slice(-2)).toEqual(['kind delete cluster --name kubelab-lab-abc123', 'kind delete cluster --name kubelab-lab-abc123']);
  });

  it('reaps the lab clusters nobody claims, keeping those named and every non-lab cluster', async () => {
    const host = fakeHost(undefined, { clusters: { dev: { image: IMAGE_133, network: 'kind', port: 40009, nodes: [{ name: 'dev-control-plane', ip: '172.18.0.20' }] } } });
    const p = provider(host);
    await p.create(spec({ name: 'keep', nodes: 1 }));
    await p.create(spec({ name: 'gone', nodes: 1 }));
    expect(await p.reap(['keep'])).toEqual(['kubelab-gone']);
    expect(Object.keys(host.state().clusters).sort()).toEqual(['dev', 'kubelab-keep']);
  });

  it('describes each cluster: id, version, nodes', async () => {
    const host = fakeHost();
    const p = provider(host);
    await p.create(spec({ version: '1.31', nodes: 3 }));
    const [summary] = await p.describe();
    expect(summary).toMatchObject({ kindName: 'kubelab-lab-abc123', id: 'lab-abc123', version: '1.31', nodes: ['kubelab-lab-abc123-control-plane', 'kubelab-lab-abc123-worker', 'kubelab-lab-abc123-worker2'] });
  });
});

describe('kind cluster: live kubelet calls', () => {
  it('goes through `docker exec NODE curl` where the node IP is out of reach, with the token on stdin, not in argv', async () => {
    const host = fakeHost();
    const cluster = await provider(host).create(spec({ nodes: 1 }));
    expect(cluster.route).toBe('docker-exec');
    const response = await cluster.kubeletRequest('kubelab-lab-abc123-control-plane', { method: 'GET', path: '/healthz', headers: { Authorization: 'Bearer s3cr3t' } });
    expect(response).toMatchObject({ status: 200, body: 'ok', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const call = host.calls().at(-1)!;
    expect(call.argv).toEqual(['exec', '-i', 'kubelab-lab-abc123-control-plane', 'curl', '--config', '-']);
    expect(call.argv.join(' ')).not.toContain('s3cr3t');
    expect(call.stdin).toContain('header = "Authorization: Bearer s3cr3t"');
    expect(call.stdin).toContain('url = "https://127.0.0.1:10250/healthz"');
    const anonymous = await cluster.kubeletRequest('kubelab-lab-abc123-control-plane', { method: 'GET', path: '/pods' });
    expect(anonymous.status).toBe(401);
    await expect(cluster.kubeletRequest('nope', { method: 'GET', path: '/healthz' })).rejects.toThrow('has no node named nope');
    await cluster.delete();
  });
});

// kubectl exec, logs, attach's transport and port-forward through the embedded API server, with
// the real kubectl: the API server finds the pod's node and reaches its kubelet as
// kube-apiserver-kubelet-client (WebSocket v5 translated to SPDY, SPDY passed through, port-forward
// tunnelled), authorizes `get`/`create pods/exec` as each release does, and words every failure
// as kube-apiserver does. One two-node cluster per release: ordinary pods run on the worker; the
// control plane keeps a pod whose kubelet has cached no decision, for the test that takes the
// API server's kubelet access away (last, as it changes the cluster).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import type { KubectlBinary } from '../../cluster/tools/kubectl.js';
import { KUBE_VERSIONS, type KubeVersion } from '../../cluster/versions.js';
import { kubectlRunner, type KubectlResult, type KubectlRunner } from '../support/kubectl.js';
import { fidelityKubectls } from './harness.js';

const clients = await fidelityKubectls();
/** The kubectl the lab itself finds first (PATH), else the newest. */
const client = clients.find((c) => c.source === 'path') ?? clients.at(-1);

const MANIFESTS = `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: multi}
spec:
  initContainers: [{name: setup, image: busybox, command: [sh, -c, "true"]}]
  containers:
  - {name: a, image: busybox, command: [sleep, "3600"]}
  - {name: b, image: nginx}
---
apiVersion: v1
kind: Pod
metadata: {name: shpod}
spec:
  containers: [{name: sh, image: busybox, command: [sh], stdin: true}]
---
apiVersion: v1
kind: Pod
metadata: {name: pend}
spec:
  nodeSelector: {kubelab.example/nowhere: "true"}
  containers: [{name: app, image: nginx}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: exec-get}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: exec-create}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pod-readers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: getter}
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: creator}
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: nobody}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: exec-getters}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec-get}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: getter}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: exec-creators}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec-create}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: creator}]
---
apiVersion: v1
kind: Node
metadata: {name: ghost}
spec:
  taints: [{key: kubelab.example/ghost, effect: NoSchedule}]
`;

interface LabCluster {
  cluster: EmbeddedCluster;
  kubectl: KubectlRunner;
  stop(): Promise<void>;
}

async function must(k: KubectlRunner, args: string[], input?: string): Promise<string> {
  const r = await k.run(args, input === undefined ? {} : { input });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A two-node cluster with the pods, roles and the kubelet-less node "ghost" every test uses. */
async function startLabCluster(binary: KubectlBinary, version: KubeVersion, featureGates?: Record<string, boolean>): Promise<LabCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-pod-exec-'));
  const name = `px${version.replace('.', '')}${featureGates ? 'g' : ''}-${process.pid % 100000}`;
  const cluster = await startEmbeddedCluster({ spec: { name, version, nodes: 2, ...(featureGates ? { featureGates } : {}) }, dataDir });
  const kubectl = kubectlRunner(binary, cluster.kubeconfigPath);
  await must(kubectl, ['apply', '-f', '-'], MANIFESTS);
  // A node whose kubelet nobody answers for: 127.0.0.1:1 refuses every connection.
  const ghostStatus = { status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: 1 } } } };
  await must(kubectl, ['patch', 'node', 'ghost', '--subresource=status', '--type=merge', '-p', JSON.stringify(ghostStatus)]);
  const controlPlane = cluster.nodes.find((n) => n.role === 'control-plane')!.name;
  await must(kubectl, ['run', 'ghostpod', '--image=nginx', `--overrides={"spec":{"nodeName":"ghost"}}`]);
  await must(kubectl, ['run', 'cp', '--image=nginx', `--overrides={"spec":{"nodeName":"${controlPlane}"}}`]);
  await must(kubectl, ['wait', '--for=condition=Ready', 'pod/web', 'pod/multi', 'pod/shpod', 'pod/cp', '--timeout=30s']);
  return {
    cluster,
    kubectl,
    async stop() {
      await cluster.delete();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first lines of the log nginx's entrypoint writes. */
const NGINX_FIRST_LINE = '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration';

/**
 * kubectl port-forward to a random local port, one connection through it, and everything
 * kubectl says until it exits (it gives up once the forwarded connection fails).
 */
function portForwardOnce(binary: KubectlBinary, kubeconfig: string, pod: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'kubelab-pf-'));
  return new Promise((resolve) => {
    const child = spawn(binary.path, ['--kubeconfig', kubeconfig, '--cache-dir', home, 'port-forward', `pod/${pod}`, ':80'], { env: { PATH: process.env.PATH ?? '', HOME: home } });
    let stdout = '';
    let stderr = '';
    let connected = false;
    const timer = setTimeout(() => child.kill(), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const port = /Forwarding from 127\.0\.0\.1:(\d+) -> 80/.exec(stdout)?.[1];
      if (port && !connected) {
        connected = true;
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET / HTTP/1.0\r\n\r\n'));
        socket.on('error', () => socket.destroy());
        socket.on('close', () => socket.destroy());
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

const ok = (stdout: string): KubectlResult => ({ code: 0, stdout, stderr: '' });

describe.skipIf(!client).concurrent.each(KUBE_VERSIONS)('kubectl exec, logs and port-forward on a v%s cluster', (version) => {
  let lab: LabCluster;
  let run: KubectlRunner['run'];

  beforeAll(async () => {
    lab = await startLabCluster(client!, version);
    run = (args, opts) => lab.kubectl.run(args, opts);
  }, 60_000);
  afterAll(() => lab?.stop());

  describe.concurrent('through the API server to the kubelet', () => {
    it('runs the command in the container: the token it reads is the pod ServiceAccount\'s', async ({ expect }) => {
      const token = await run(['exec', 'web', '--', 'cat', '/var/run/secrets/kubernetes.io/serviceaccount/token']);
      expect(token.code).toBe(0);
      const review = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: token.stdout } });
      expect(await run(['create', '-f', '-', '-o', 'jsonpath={.status.user.username}'], { input: review })).toEqual(ok('system:serviceaccount:default:default'));
    });

    it('passes stdin to the command and ends it when stdin ends, with every kubectl client', async ({ expect }) => {
      for (const each of clients) {
        const k = kubectlRunner(each, lab.cluster.kubeconfigPath);
        expect(await k.run(['exec', '-i', 'web', '--', 'cat'], { input: 'hi\nthere\n' }), each.gitVersion).toEqual(ok('hi\nthere\n'));
      }
    });

    it('propagates the command\'s exit code, as "command terminated with exit code N"', async ({ expect }) => {
      expect(await run(['exec', 'web', '--', 'false'])).toEqual({ code: 1, stdout: '', stderr: 'command terminated with exit code 1\n' });
      expect(await run(['exec', 'web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 7'])).toEqual({ code: 7, stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 7\n' });
    });

    it('on a pod with several containers kubectl picks the default one and says so', async ({ expect }) => {
      expect(await run(['exec', 'multi', '--', 'hostname'])).toEqual({ code: 0, stdout: 'multi\n', stderr: 'Defaulted container "a" out of: a, b, setup (init)\n' });
      expect(await run(['exec', 'multi', '-c', 'b', '--', 'hostname'])).toEqual(ok('multi\n'));
    });

    it('attaches to the main process: a shell reading stdin', async ({ expect }) => {
      const attached = await run(['attach', '-i', 'shpod'], { input: 'echo attached\n' });
      expect({ code: attached.code, stdout: attached.stdout }).toEqual({ code: 0, stdout: 'attached\n' });
      // kubectl's own notes (the recording warning since 1.33: the container keeps stdin open).
      expect(attached.stderr).toMatch(/If you don't see a command prompt, try pressing enter\.\n$/);
    });

    it('streams kubectl logs, of a named container, and its tail', async ({ expect }) => {
      const all = await run(['logs', 'web']);
      expect(all.code).toBe(0);
      expect(all.stdout.split('\n')[0]).toBe(NGINX_FIRST_LINE);
      const lines = (await run(['logs', 'multi', '-c', 'b'])).stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(3);
      expect(await run(['logs', 'multi', '-c', 'b', '--tail=2'])).toEqual(ok(`${lines.slice(-2).join('\n')}\n`));
      // --since / --since-time: the kubelet leaves out lines written before.
      expect(await run(['logs', 'multi', '-c', 'b', '--since=24h'])).toEqual(ok(`${lines.join('\n')}\n`));
      expect(await run(['logs', 'multi', '-c', 'b', '--since-time=2099-01-01T00:00:00Z'])).toEqual(ok(''));
    });

    it('answers what it cannot locate with kube-apiserver\'s own errors', async ({ expect }) => {
      expect((await run(['get', '--raw', '/api/v1/namespaces/default/pods/multi/log'])).stderr).toBe(
        'Error from server (BadRequest): a container name must be specified for pod multi, choose one of: [setup a b]\n',
      );
      expect((await run(['logs', 'multi', '-c', 'nope'])).stderr).toBe('error: container nope is not valid for pod multi\n');
      expect((await run(['get', '--raw', '/api/v1/namespaces/default/pods/multi/log?container=nope'])).stderr).toBe(
        'Error from server (BadRequest): container nope is not valid for pod multi\n',
      );
      expect((await run(['get', '--raw', '/api/v1/namespaces/default/pods/web/log?tailLines=-1'])).stderr).toBe(
        'The PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0\n',
      );
      expect((await run(['exec', 'nosuch', '--', 'true'])).stderr).toBe('Error from server (NotFound): pods "nosuch" not found\n');
      // Not scheduled: no log at all (204), and nowhere to exec.
      expect(await run(['logs', 'pend'])).toEqual(ok(''));
      expect(await run(['exec', 'pend', '--', 'true'])).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): pod pend does not have a host assigned\n' });
      expect((await run(['get', '--raw', '/api/v1/namespaces/default/pods/web/exec?command=true&stdout=true'])).stderr).toBe(
        'Error from server (BadRequest): Upgrade request required\n',
      );
    });

    it('forwards a port to the kubelet, which reports the dial it could not make in the pod', async ({ expect }) => {
      const pf = await portForwardOnce(client!, lab.cluster.kubeconfigPath, 'web');
      expect(pf.stdout).toMatch(/^Forwarding from 127\.0\.0\.1:\d+ -> 80\n/);
      expect(pf.stderr).toMatch(
        /an error occurred forwarding \d+ -> 80: error forwarding port 80 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\"\/var\/run\/netns\/cni-[-0-9a-f]+\\": failed to connect to localhost:80 inside namespace/,
      );
      expect(pf.stderr).toContain('error: lost connection to pod\n');
      expect(pf.code).toBe(1);
    });

    it('a kubelet nobody answers for: the errors of each path to it', async ({ expect }) => {
      expect(await run(['logs', 'ghostpod'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Error from server: Get "https://127.0.0.1:1/containerLogs/default/ghostpod/ghostpod": dial tcp 127.0.0.1:1: connect: connection refused\n',
      });
      // The WebSocket was upgraded before the API server dialled: the error comes as the stream's status.
      expect((await run(['exec', 'ghostpod', '--', 'true'])).stderr).toBe(
        'error: Internal error occurred: error sending request: Post "https://127.0.0.1:1/exec/default/ghostpod/ghostpod?command=true&error=1&output=1": dial tcp 127.0.0.1:1: connect: connection refused\n',
      );
      const pf = await portForwardOnce(client!, lab.cluster.kubeconfigPath, 'ghostpod');
      expect(pf.stderr).toBe('error: error upgrading connection: error dialing backend: dial tcp 127.0.0.1:1: connect: connection refused\n');
    });

    it('authorizes get pods/exec for the WebSocket, create for SPDY, and from 1.35 create for both', async ({ expect }) => {
      const as = (user: string) => run(['exec', 'web', `--as=${user}`, '--', 'echo', 'ok']);
      const cannotCreate = (user: string) => `Error from server (Forbidden): pods "web" is forbidden: User "${user}" cannot create resource "pods/exec" in API group "" in the namespace "default"\n`;
      // Only create: the WebSocket (get) is refused, kubectl falls back to SPDY (create), which works.
      expect(await as('creator')).toEqual(ok('ok\n'));
      expect(await as('nobody')).toEqual({ code: 1, stdout: '', stderr: cannotCreate('nobody') });
      const getterVerbose = await run(['exec', 'web', '--as=getter', '-v=6', '--', 'echo', 'ok']);
      const fallback = /RemoteCommand fallback: unable to upgrade streaming request: (.*)\n/.exec(getterVerbose.stderr)?.[1];
      if (version === '1.36') {
        // AuthorizePodWebsocketUpgradeCreatePermission: the handshake needs create too; the
        // fallback's POST then needs create as well.
        expect(fallback).toBe('pods "web" is forbidden: ');
        expect(await as('getter')).toEqual({ code: 1, stdout: '', stderr: cannotCreate('getter') });
      } else {
        // "get pods/exec" is enough: the lesson that it is not read-only.
        expect(fallback).toBeUndefined();
        expect(await as('getter')).toEqual(ok('ok\n'));
      }
    });
  });

  // Sequential: it runs only once every test above has finished. 1.31's API server reaches
  // kubelets as a member of kubeadm:cluster-admins, whose binding the admin needs too.
  describe.sequential('after kubeadm:apiserver-kubelet-client is deleted (last: it changes the cluster)', () => {
    it.skipIf(version === '1.31')('the kubelet refuses the API server, and its 403 reaches kubectl', async ({ expect }) => {
      await must(lab.kubectl, ['delete', 'clusterrolebinding', 'kubeadm:apiserver-kubelet-client']);
      expect(await run(['logs', 'cp'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Error from server (Forbidden): Forbidden (user=kube-apiserver-kubelet-client, verb=get, resource=nodes, subresource(s)=[proxy])\n ( pods/log cp)\n',
      });
      expect(await run(['exec', 'cp', '--', 'true'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: Internal error occurred: unable to upgrade connection: Forbidden (user=kube-apiserver-kubelet-client, verb=create, resource=nodes, subresource(s)=[proxy])\n',
      });
      // The tunnel hands the kubelet's refusal back; kubectl's SPDY fallback gets it again.
      const pf = await portForwardOnce(client!, lab.cluster.kubeconfigPath, 'cp');
      expect(pf.stderr).toBe(
        'error: error upgrading connection: unable to upgrade connection: Forbidden (user=kube-apiserver-kubelet-client, verb=create, resource=nodes, subresource(s)=[proxy])\n',
      );
    });
  });
});

describe.skipIf(!client)('a v1.36 cluster started with AuthorizePodWebsocketUpgradeCreatePermission=false', () => {
  let lab: LabCluster;
  beforeAll(async () => {
    lab = await startLabCluster(client!, '1.36', { AuthorizePodWebsocketUpgradeCreatePermission: false });
  }, 60_000);
  afterAll(() => lab?.stop());

  it('lets get pods/exec alone open the WebSocket, as 1.33 does', async ({ expect }) => {
    const verbose = await lab.kubectl.run(['exec', 'web', '--as=getter', '-v=6', '--', 'echo', 'ok']);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).not.toContain('fallback');
    expect(await lab.kubectl.run(['exec', 'web', '--as=getter', '--', 'echo', 'ok'])).toEqual(ok('ok\n'));
  });
});

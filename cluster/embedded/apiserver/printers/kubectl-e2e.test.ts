// End to end: real kubectl binaries against a tiny HTTP server that serves legacy discovery
// and this module's Tables. kubectl does the column layout itself, so the printed text shows
// whether our cells and columns are what kube-apiserver would send.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { parseIncludeObject, parseTableAccept, toTable } from './table.js';
import {
  clusterRoleBindings,
  clusterRoles,
  controlPlaneNode,
  defaultNamespaceEvents,
  kubeSystemPods,
  NOW,
  otherPods,
} from './testdata/kind-cluster.js';

const run = promisify(execFile);
const KUBECTL_DIR = '/usr/lib/google-cloud-sdk/bin';
const KUBECTL_VERSIONS = ['1.31', '1.32', '1.33'];

const RBAC = 'rbac.authorization.k8s.io';
const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const allPods = [...kubeSystemPods, ...otherPods];

/** group, resource and objects behind each list path kubectl asks for. */
const LISTS: Record<string, { group: string; resource: string; items: readonly KubeObject[] }> = {
  '/api/v1/nodes': { group: '', resource: 'nodes', items: [controlPlaneNode] },
  '/api/v1/pods': { group: '', resource: 'pods', items: allPods },
  '/api/v1/namespaces/kube-system/pods': { group: '', resource: 'pods', items: kubeSystemPods },
  '/api/v1/namespaces/default/pods': { group: '', resource: 'pods', items: otherPods.filter(inNamespace('default')) },
  '/api/v1/namespaces/default/events': { group: '', resource: 'events', items: defaultNamespaceEvents },
  [`/apis/${RBAC}/v1/clusterrolebindings`]: { group: RBAC, resource: 'clusterrolebindings', items: clusterRoleBindings },
  [`/apis/${RBAC}/v1/clusterroles`]: { group: RBAC, resource: 'clusterroles', items: clusterRoles },
};

function inNamespace(namespace: string): (obj: KubeObject) => boolean {
  return (obj) => obj.metadata.namespace === namespace;
}

/** A list path, or a list path plus "/<name>" for one object (kubectl get <kind> <name>). */
function lookup(path: string): { group: string; resource: string; items: readonly KubeObject[]; list: boolean } | undefined {
  const list = LISTS[path];
  if (list) return { ...list, list: true };
  const slash = path.lastIndexOf('/');
  const parent = LISTS[path.slice(0, slash)];
  const item = parent?.items.find((obj) => obj.metadata.name === path.slice(slash + 1));
  return parent && item ? { ...parent, items: [item], list: false } : undefined;
}

function resource(name: string, kind: string, namespaced: boolean): object {
  return { name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ['get', 'list'] };
}

const DISCOVERY: Record<string, object> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [
      {
        name: RBAC,
        versions: [{ groupVersion: `${RBAC}/v1`, version: 'v1' }],
        preferredVersion: { groupVersion: `${RBAC}/v1`, version: 'v1' },
      },
    ],
  },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [resource('nodes', 'Node', false), resource('pods', 'Pod', true), resource('events', 'Event', true)],
  },
  [`/apis/${RBAC}/v1`]: {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${RBAC}/v1`,
    resources: [resource('clusterrolebindings', 'ClusterRoleBinding', false), resource('clusterroles', 'ClusterRole', false)],
  },
};

/** What kubectl asked for, per resource request: the Accept header and the query. */
interface SeenRequest {
  path: string;
  accept: string;
  query: string;
}

function startServer(seen: SeenRequest[]): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (code: number, body: object): void => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const discovery = DISCOVERY[url.pathname];
    if (discovery) return send(200, discovery);
    const found = lookup(url.pathname);
    seen.push({ path: url.pathname, accept: req.headers.accept ?? '', query: url.search });
    if (!found) return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    const table = parseTableAccept(req.headers.accept);
    if (!table) return send(406, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotAcceptable', code: 406 });
    send(
      200,
      toTable(found.resource, found.group, found.items, {
        now: NOW,
        includeObject: parseIncludeObject(url.searchParams.get('includeObject')),
        list: found.list,
        resourceVersion: found.list ? '777' : undefined,
        version: table.version,
      }),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Trailing padding after an empty last cell is kubectl's tabwriter, not ours: it is trimmed.
const EXPECTED: Record<string, string> = {
  'get clusterroles': `
NAME            CREATED AT
admin           2026-03-01T10:00:01Z
cluster-admin   2026-03-01T10:00:01Z
`,
  'get pod crashy -n default': `
NAME     READY   STATUS             RESTARTS      AGE
crashy   0/1     CrashLoopBackOff   5 (95s ago)   9m12s
`,
  'get pods -A --sort-by=.status.podIP': `
NAMESPACE            NAME                                         READY   STATUS             RESTARTS      AGE
kube-system          coredns-7c65d6cfc9-4xk2p                     1/1     Running            0             25m
kube-system          coredns-7c65d6cfc9-9vnqz                     1/1     Running            0             25m
local-path-storage   local-path-provisioner-57c5987fd4-k8pq7      1/1     Running            0             25m
default              crashy                                       0/1     CrashLoopBackOff   5 (95s ago)   9m12s
kube-system          etcd-kind-control-plane                      1/1     Running            0             25m
kube-system          kindnet-7h2xq                                1/1     Running            1 (24m ago)   25m
kube-system          kube-apiserver-kind-control-plane            1/1     Running            0             25m
kube-system          kube-controller-manager-kind-control-plane   1/1     Running            0             25m
kube-system          kube-proxy-r8m4j                             1/1     Running            0             25m
kube-system          kube-scheduler-kind-control-plane            1/1     Running            0             25m
`,
  'get events -n default': `
LAST SEEN   TYPE      REASON      OBJECT       MESSAGE
9m11s       Normal    Scheduled   pod/crashy   Successfully assigned default/crashy to kind-control-plane
12s         Warning   BackOff     pod/crashy   Back-off restarting failed container app in pod crashy_default(uid-crashy)
`,
  'get events -n default -o wide': `
LAST SEEN   TYPE      REASON      OBJECT       SUBOBJECT              SOURCE                                                    MESSAGE                                                                      FIRST SEEN   COUNT   NAME
9m11s       Normal    Scheduled   pod/crashy                          default-scheduler, default-scheduler-kind-control-plane   Successfully assigned default/crashy to kind-control-plane                   9m11s        1       crashy.182a4c7e1f0b9a01
12s         Warning   BackOff     pod/crashy   spec.containers{app}   kubelet, kind-control-plane                               Back-off restarting failed container app in pod crashy_default(uid-crashy)   8m20s        41      crashy.182a4c7f6a2d3b02
`,
  'get nodes -L kubernetes.io/arch': `
NAME                 STATUS   ROLES           AGE   VERSION    ARCH
kind-control-plane   Ready    control-plane   25m   v1.31.14   amd64
`,
  'get nodes': `
NAME                 STATUS   ROLES           AGE   VERSION
kind-control-plane   Ready    control-plane   25m   v1.31.14
`,
  'get nodes -o wide': `
NAME                 STATUS   ROLES           AGE   VERSION    INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME
kind-control-plane   Ready    control-plane   25m   v1.31.14   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.2.0
`,
  'get nodes --show-labels': `
NAME                 STATUS   ROLES           AGE   VERSION    LABELS
kind-control-plane   Ready    control-plane   25m   v1.31.14   beta.kubernetes.io/arch=amd64,beta.kubernetes.io/os=linux,kubernetes.io/arch=amd64,kubernetes.io/hostname=kind-control-plane,kubernetes.io/os=linux,node-role.kubernetes.io/control-plane=,node.kubernetes.io/exclude-from-external-load-balancers=
`,
  'get pods -n kube-system -o wide': `
NAME                                         READY   STATUS    RESTARTS      AGE   IP           NODE                 NOMINATED NODE   READINESS GATES
coredns-7c65d6cfc9-4xk2p                     1/1     Running   0             25m   10.244.0.2   kind-control-plane   <none>           <none>
coredns-7c65d6cfc9-9vnqz                     1/1     Running   0             25m   10.244.0.3   kind-control-plane   <none>           <none>
etcd-kind-control-plane                      1/1     Running   0             25m   172.18.0.2   kind-control-plane   <none>           <none>
kindnet-7h2xq                                1/1     Running   1 (24m ago)   25m   172.18.0.2   kind-control-plane   <none>           <none>
kube-apiserver-kind-control-plane            1/1     Running   0             25m   172.18.0.2   kind-control-plane   <none>           <none>
kube-controller-manager-kind-control-plane   1/1     Running   0             25m   172.18.0.2   kind-control-plane   <none>           <none>
kube-proxy-r8m4j                             1/1     Running   0             25m   172.18.0.2   kind-control-plane   <none>           <none>
kube-scheduler-kind-control-plane            1/1     Running   0             25m   172.18.0.2   kind-control-plane   <none>           <none>
`,
  'get pods -A': `
NAMESPACE            NAME                                         READY   STATUS             RESTARTS      AGE
kube-system          coredns-7c65d6cfc9-4xk2p                     1/1     Running            0             25m
kube-system          coredns-7c65d6cfc9-9vnqz                     1/1     Running            0             25m
kube-system          etcd-kind-control-plane                      1/1     Running            0             25m
kube-system          kindnet-7h2xq                                1/1     Running            1 (24m ago)   25m
kube-system          kube-apiserver-kind-control-plane            1/1     Running            0             25m
kube-system          kube-controller-manager-kind-control-plane   1/1     Running            0             25m
kube-system          kube-proxy-r8m4j                             1/1     Running            0             25m
kube-system          kube-scheduler-kind-control-plane            1/1     Running            0             25m
default              crashy                                       0/1     CrashLoopBackOff   5 (95s ago)   9m12s
local-path-storage   local-path-provisioner-57c5987fd4-k8pq7      1/1     Running            0             25m
`,
  'get clusterrolebindings -o wide': `
NAME                             ROLE                                         AGE   USERS                            GROUPS                                            SERVICEACCOUNTS
cluster-admin                    ClusterRole/cluster-admin                    25m                                    system:masters
kindnet                          ClusterRole/kindnet                          25m                                                                                      kube-system/kindnet
kubeadm:get-nodes                ClusterRole/kubeadm:get-nodes                25m                                    system:bootstrappers:kubeadm:default-node-token
no-subjects                      ClusterRole/view                             25m
system:kube-controller-manager   ClusterRole/system:kube-controller-manager   25m   system:kube-controller-manager
system:public-info-viewer        ClusterRole/system:public-info-viewer        25m                                    system:authenticated, system:unauthenticated
trainee-mixed                    ClusterRole/view                             25m   alice, bob                       devs                                              dev/builder, kube-system/kindnet
`,
};

for (const version of KUBECTL_VERSIONS) {
  const kubectl = join(KUBECTL_DIR, `kubectl.${version}`);
  const installed = existsSync(kubectl);
  const title = installed
    ? `kubectl ${version} prints our Tables like a real cluster`
    : `kubectl ${version}: skipped, ${kubectl} is not installed`;
  describe.skipIf(!installed)(title, () => {
    let server: Server;
    let home: string;
    const seen: SeenRequest[] = [];

    beforeAll(async () => {
      server = await startServer(seen);
      home = mkdtempSync(join(tmpdir(), 'kubelab-printers-'));
      writeFileSync(join(home, 'kubeconfig'), '');
    });
    afterAll(() => {
      server.close();
      rmSync(home, { recursive: true, force: true });
    });

    async function kubectlOutput(command: string): Promise<string> {
      const { port } = server.address() as AddressInfo;
      const { stdout } = await run(
        kubectl,
        [`--server=http://127.0.0.1:${port}`, `--cache-dir=${join(home, 'cache')}`, ...command.split(' ')],
        { env: { PATH: process.env.PATH ?? '', HOME: home, KUBECONFIG: join(home, 'kubeconfig') } },
      );
      return stdout.replace(/ +$/gm, '');
    }

    it.each(Object.keys(EXPECTED))('kubectl %s', async (command) => {
      expect(await kubectlOutput(command)).toBe(EXPECTED[command]?.slice(1));
    });

    it('asks for Table v1 first, and for whole objects only when sorting', async () => {
      seen.length = 0;
      await kubectlOutput('get nodes');
      await kubectlOutput('get nodes --sort-by=.metadata.name');
      expect(seen).toEqual([
        { path: '/api/v1/nodes', accept: TABLE_ACCEPT, query: '?limit=500' },
        { path: '/api/v1/nodes', accept: TABLE_ACCEPT, query: '?includeObject=Object' },
      ]);
    });
  });
}

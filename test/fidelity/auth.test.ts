// Who may do what, as the real kubectl reports it: auth can-i in all its forms (and its gotchas),
// auth whoami, the 403 texts of authorization, RBAC escalation prevention and impersonation,
// and the node proxy. can-i and whoami (protobuf bodies since 1.32) run with every client.

import { mkdtempSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { KUBE_VERSIONS, VERSIONS } from '../../cluster/versions.js';
import { createCertificateAuthority, issueCertificate } from '../../cluster/embedded/pki/index.js';
import { fidelityKubectls, readTable, startFidelityCluster, type FidelityCluster } from './harness.js';
import type { KubectlRunner } from '../support/kubectl.js';

const clients = await fidelityKubectls();
const newest = clients.at(-1);
const RBAC = 'rbac.authorization.k8s.io';
const NS = 'team';
const VIEWER = `system:serviceaccount:${NS}:viewer`;
const EDITOR = `system:serviceaccount:${NS}:editor`;
const AGGREGATOR = `system:serviceaccount:${NS}:aggregator`;
const IMPERSONATOR = `system:serviceaccount:${NS}:impersonator`;
const SA_GROUPS = `["system:serviceaccounts" "system:serviceaccounts:${NS}" "system:authenticated"]`;

describe.skipIf(!newest).concurrent.each(KUBE_VERSIONS)('authorization on a v%s cluster', (version) => {
  let fc: FidelityCluster;
  let kubectl: KubectlRunner;
  let node: string;
  /** kubectl authenticated by a ServiceAccount's token (no client certificate); one per test that grants it more. */
  let asEditor: KubectlRunner;
  let asAggregator: KubectlRunner;
  let asImpersonator: KubectlRunner;
  let editorUid: string;

  beforeAll(async () => {
    fc = await startFidelityCluster(version);
    kubectl = fc.admin(newest!);
    node = fc.cluster.nodes[0]!.name;
    const setup = [
      ['create', 'ns', NS],
      ['create', 'sa', 'viewer', '-n', NS],
      ['create', 'sa', 'editor', '-n', NS],
      ['create', 'sa', 'aggregator', '-n', NS],
      ['create', 'sa', 'impersonator', '-n', NS],
      ['create', 'rolebinding', 'viewer', '-n', NS, '--clusterrole=view', `--serviceaccount=${NS}:viewer`],
      // The editor may write RBAC objects in its namespace, but holds neither escalate nor bind.
      ['create', 'role', 'rbac-writer', '-n', NS, '--verb=create,get,list,update,patch,delete', '--resource=roles,rolebindings'],
      ['create', 'rolebinding', 'editor', '-n', NS, '--role=rbac-writer', `--serviceaccount=${NS}:editor`],
      ['create', 'clusterrole', 'secret-reader', '--verb=get', '--resource=secrets'],
      ['create', 'clusterrole', 'node-proxy', '--verb=get', '--resource=nodes/proxy'],
      ['create', 'clusterrolebinding', 'node-proxy', '--clusterrole=node-proxy', '--user=prom'],
      ['create', 'clusterrole', 'node-reader', '--verb=get,list', '--resource=nodes'],
      ['create', 'rolebinding', 'node-reader', '-n', NS, '--clusterrole=node-reader', '--user=dana'],
      ['create', 'rolebinding', 'readers', '-n', NS, '--clusterrole=secret-reader', '--group=readers'],
    ];
    for (const args of setup) {
      const r = await kubectl.run(args);
      if (r.code !== 0) throw new Error(`setup ${args.join(' ')}: ${r.stderr}`);
    }
    editorUid = String((JSON.parse((await kubectl.run(['get', 'sa', 'editor', '-n', NS, '-o', 'json'])).stdout) as { metadata: { uid: string } }).metadata.uid);
    const tokenOf = async (sa: string) => fc.withToken(newest!, (await kubectl.run(['create', 'token', sa, '-n', NS])).stdout);
    [asEditor, asAggregator, asImpersonator] = await Promise.all([tokenOf('editor'), tokenOf('aggregator'), tokenOf('impersonator')]);
  });
  afterAll(() => fc?.stop());

  describe.each(clients)('kubectl %s', (client) => {
    const run = (args: string[]) => fc.admin(client).run(args);

    it('answers can-i for namespaces, -A, subresources, --as-group and non-resource URLs', async ({ expect }) => {
      expect(await run(['auth', 'can-i', 'list', 'pods', '-n', NS, `--as=${VIEWER}`])).toEqual({ code: 0, stdout: 'yes\n', stderr: '' });
      expect(await run(['auth', 'can-i', 'list', 'pods', '-n', 'default', `--as=${VIEWER}`])).toEqual({ code: 1, stdout: 'no\n', stderr: '' });
      expect((await run(['auth', 'can-i', 'list', 'pods', '-A', `--as=${VIEWER}`])).stdout).toBe('no\n');
      expect((await run(['auth', 'can-i', 'get', 'pods', '--subresource=log', '-n', NS, `--as=${VIEWER}`])).stdout).toBe('yes\n');
      expect((await run(['auth', 'can-i', 'get', 'secrets', '-n', NS, `--as=${VIEWER}`])).stdout).toBe('no\n');
      expect((await run(['auth', 'can-i', 'get', 'secrets', '-n', NS, '--as=zed', '--as-group=readers'])).stdout).toBe('yes\n');
      expect(await run(['auth', 'can-i', 'get', '/healthz', `--as=${VIEWER}`])).toEqual({ code: 0, stdout: 'yes\n', stderr: '' });
      expect((await run(['auth', 'can-i', 'get', '/logs', `--as=${VIEWER}`])).stdout).toBe('no\n');
      expect(await run(['auth', 'can-i', 'list', 'secrets', '-n', NS, `--as=${VIEWER}`, '-q'])).toEqual({ code: 1, stdout: '', stderr: '' });
    });

    it('asks about a node NAMED proxy for nodes/proxy; --subresource asks about the subresource', async ({ expect }) => {
      expect(await run(['auth', 'can-i', 'get', 'nodes/proxy', '--as=prom'])).toEqual({
        code: 1,
        stdout: 'no\n',
        stderr: "Warning: resource 'nodes' is not namespace scoped\n\n",
      });
      expect(await run(['auth', 'can-i', 'get', 'nodes', '--subresource=proxy', '--as=prom', '-A'])).toEqual({ code: 0, stdout: 'yes\n', stderr: '' });
      // Without -A can-i sends the current namespace, so a RoleBinding there says yes for nodes.
      expect((await run(['auth', 'can-i', 'list', 'nodes', '-n', NS, '--as=dana'])).stdout).toBe('yes\n');
      expect((await run(['auth', 'can-i', 'list', 'nodes', '-A', '--as=dana'])).stdout).toBe('no\n');
    });

    it('warns about a resource type the server does not have, and still asks', async ({ expect }) => {
      const r = await run(['auth', 'can-i', 'get', 'widgets', `--as=${VIEWER}`]);
      expect([r.code, r.stdout]).toEqual([1, 'no\n']);
      expect(r.stderr).toBe("Warning: the server doesn't have a resource type 'widgets'\n\n");
    });

    it('tells who the caller is with auth whoami, also impersonated', async ({ expect }) => {
      const admin = readTable((await run(['auth', 'whoami'])).stdout);
      expect(admin.slice(0, 3)).toEqual([
        ['ATTRIBUTE', 'VALUE'],
        ['Username', 'kubernetes-admin'],
        ['Groups', '[kubeadm:cluster-admins system:authenticated]'],
      ]);
      // Since 1.32 an x509 user carries the certificate's hash as credential id.
      expect(admin.slice(3).map((row) => row[0])).toEqual(VERSIONS[version].x509CredentialId ? ['Extra: authentication.kubernetes.io/credential-id'] : []);
      expect(admin[3]?.[1] ?? '').toMatch(VERSIONS[version].x509CredentialId ? /^\[X509SHA256=[0-9a-f]{64}\]$/ : /^$/);
      expect((await run(['auth', 'whoami', `--as=${VIEWER}`])).stdout).toBe(
        `ATTRIBUTE   VALUE\nUsername    ${VIEWER}\nGroups      [system:serviceaccounts system:serviceaccounts:${NS} system:authenticated]\n`,
      );
      expect((await run(['auth', 'whoami', '--as=bob', '--as-group=a', '--as-group=b'])).stdout).toBe('ATTRIBUTE   VALUE\nUsername    bob\nGroups      [a b system:authenticated]\n');
    });
  });

  it('lists what a ServiceAccount may do with can-i --list', async ({ expect }) => {
    const rows = readTable((await kubectl.run(['auth', 'can-i', '--list', '-n', NS, `--as=${VIEWER}`])).stdout);
    expect(rows[0]).toEqual(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    expect(rows).toContainEqual(['selfsubjectaccessreviews.authorization.k8s.io', '[]', '[]', '[create]']);
    expect(rows).toContainEqual(['pods/log', '[]', '[]', '[get list watch]']);
    expect(rows).toContainEqual(['deployments.apps', '[]', '[]', '[get list watch]']);
    expect(rows).toContainEqual(['', '[/healthz]', '[]', '[get]']);
    expect(rows.some((row) => row[0] === 'secrets')).toBe(false);
  });

  it('identifies a ServiceAccount token with its uid and credential id', async ({ expect }) => {
    const rows = readTable((await asEditor.run(['auth', 'whoami'])).stdout);
    expect(rows.slice(0, 4)).toEqual([
      ['ATTRIBUTE', 'VALUE'],
      ['Username', EDITOR],
      ['UID', editorUid],
      ['Groups', `[system:serviceaccounts system:serviceaccounts:${NS} system:authenticated]`],
    ]);
    expect(rows[4]).toEqual(['Extra: authentication.kubernetes.io/credential-id', expect.stringMatching(/^\[JTI=[0-9a-f-]{36}\]$/)]);
  });

  it('denies with the upstream authorization messages', async ({ expect }) => {
    expect(await kubectl.run(['get', 'nodes', `--as=${VIEWER}`])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (Forbidden): nodes is forbidden: User "${VIEWER}" cannot list resource "nodes" in API group "" at the cluster scope\n`,
    });
    expect((await kubectl.run(['get', 'secret', 'x', '-n', NS, `--as=${VIEWER}`])).stderr).toBe(
      `Error from server (Forbidden): secrets "x" is forbidden: User "${VIEWER}" cannot get resource "secrets" in API group "" in the namespace "${NS}"\n`,
    );
    expect((await kubectl.run(['create', 'clusterrole', 'nope', '--verb=get', '--resource=pods', `--as=${VIEWER}`])).stderr).toBe(
      `Error from server (Forbidden): clusterroles.${RBAC} is forbidden: User "${VIEWER}" cannot create resource "clusterroles" in API group "${RBAC}" at the cluster scope\n`,
    );
  });

  it('refuses Roles and bindings that grant more than the writer holds, with the exact escalation text', async ({ expect }) => {
    const role = `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata:\n  name: broader\n  namespace: ${NS}\nrules:\n- apiGroups: [""]\n  resources: ["secrets", "pods"]\n  verbs: ["get", "list"]\n`;
    expect(await asEditor.run(['create', '-f', '-'], { input: role })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `Error from server (Forbidden): error when creating "STDIN": roles.${RBAC} "broader" is forbidden: user "${EDITOR}" (groups=${SA_GROUPS}) is attempting to grant RBAC permissions not currently held:\n` +
        '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}\n',
    });
    const binding = `apiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata:\n  name: grant\n  namespace: ${NS}\nsubjects:\n- kind: User\n  name: eve\n  apiGroup: ${RBAC}\nroleRef:\n  kind: ClusterRole\n  name: secret-reader\n  apiGroup: ${RBAC}\n`;
    expect((await asEditor.run(['create', '-f', '-'], { input: binding })).stderr).toBe(
      `Error from server (Forbidden): error when creating "STDIN": rolebindings.${RBAC} "grant" is forbidden: user "${EDITOR}" (groups=${SA_GROUPS}) is attempting to grant RBAC permissions not currently held:\n` +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}\n',
    );
    // Without bind, a binding to a missing role fails on the role lookup (registry, plural).
    expect((await asEditor.run(['create', '-f', '-'], { input: binding.replace('secret-reader', 'ghost') })).stderr).toBe(
      `Error from server (NotFound): error when creating "STDIN": clusterroles.${RBAC} "ghost" not found\n`,
    );
    // bind on that ClusterRole (by name) lets the binding through; escalate lets the Role through.
    await kubectl.run(['create', 'role', 'binder', '-n', NS, '--verb=bind', '--resource=clusterroles', '--resource-name=secret-reader']);
    await kubectl.run(['create', 'role', 'escalator', '-n', NS, '--verb=escalate', '--resource=roles']);
    await kubectl.run(['create', 'rolebinding', 'editor-extra', '-n', NS, '--role=binder', `--serviceaccount=${NS}:editor`]);
    await kubectl.run(['create', 'rolebinding', 'editor-escalate', '-n', NS, '--role=escalator', `--serviceaccount=${NS}:editor`]);
    expect((await asEditor.run(['create', '-f', '-'], { input: binding })).stdout).toBe(`rolebinding.${RBAC}/grant created\n`);
    expect((await asEditor.run(['create', '-f', '-'], { input: role })).stdout).toBe(`role.${RBAC}/broader created\n`);
  });

  it('requires cluster-admin powers to set an aggregationRule', async ({ expect }) => {
    // A binding to a role that does not exist (yet) shows up as a resolution error.
    await kubectl.run(['create', 'clusterrolebinding', 'aggregator', '--clusterrole=cluster-role-writer', `--serviceaccount=${NS}:aggregator`]);
    const plain = `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: plain\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n`;
    expect((await asAggregator.run(['create', '-f', '-'], { input: plain })).stderr).toBe(
      `Error from server (Forbidden): error when creating "STDIN": clusterroles.${RBAC} is forbidden: User "${AGGREGATOR}" cannot create resource "clusterroles" in API group "${RBAC}" at the cluster scope: RBAC: clusterrole.${RBAC} "cluster-role-writer" not found\n`,
    );
    // create only: with escalate the writer could set anything, an aggregationRule included.
    await kubectl.run(['create', 'clusterrole', 'cluster-role-writer', '--verb=create', '--resource=clusterroles']);
    const aggregated = `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: sneaky\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      grab: all\n`;
    expect((await asAggregator.run(['create', '-f', '-'], { input: aggregated })).stderr).toBe(
      `Error from server (Forbidden): error when creating "STDIN": clusterroles.${RBAC} "sneaky" is forbidden: must have cluster-admin privileges to use the aggregationRule\n`,
    );
  });

  it('refuses impersonation to a caller without impersonate, per user, group and ServiceAccount', async ({ expect }) => {
    expect((await asImpersonator.run(['get', '--raw', `/api/v1/namespaces/${NS}/pods`, '--as=bob'])).stderr).toBe(
      `Error from server (Forbidden): users "bob" is forbidden: User "${IMPERSONATOR}" cannot impersonate resource "users" in API group "" at the cluster scope\n`,
    );
    expect((await asImpersonator.run(['get', '--raw', `/api/v1/namespaces/${NS}/pods`, '--as=system:serviceaccount:other:robot'])).stderr).toBe(
      `Error from server (Forbidden): serviceaccounts "robot" is forbidden: User "${IMPERSONATOR}" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "other"\n`,
    );
    // Impersonating the user is granted; the group is authorized on its own.
    await kubectl.run(['create', 'clusterrole', 'impersonate-bob', '--verb=impersonate', '--resource=users', '--resource-name=bob']);
    await kubectl.run(['create', 'clusterrolebinding', 'impersonate-bob', '--clusterrole=impersonate-bob', `--serviceaccount=${NS}:impersonator`]);
    expect((await asImpersonator.run(['get', '--raw', `/api/v1/namespaces/${NS}/pods`, '--as=bob', '--as-group=admins'])).stderr).toBe(
      `Error from server (Forbidden): groups "admins" is forbidden: User "${IMPERSONATOR}" cannot impersonate resource "groups" in API group "" at the cluster scope\n`,
    );
    expect((await asImpersonator.run(['auth', 'whoami', '--as=bob'])).stdout).toBe('ATTRIBUTE   VALUE\nUsername    bob\nGroups      [system:authenticated]\n');
    // Discovery runs impersonated too: with nothing cached, a forbidden impersonation surfaces
    // there, as "unknown" (the discovery client cannot read the Status).
    const get = await asImpersonator.run(['get', 'pods', '-n', NS, '--as=carl', `--cache-dir=${mkdtempSync(join(tmpdir(), 'kubelab-cache-'))}`]);
    expect(get.stderr.split('\n').filter(Boolean).at(-1)).toBe('Error from server (Forbidden): unknown');
  });

  it('proxies to the node only for nodes/proxy, under the API server\'s own kubelet client identity', async ({ expect }) => {
    expect((await kubectl.run(['get', '--raw', `/api/v1/nodes/${node}/proxy/pods`, `--as=${VIEWER}`])).stderr).toBe(
      `Error from server (Forbidden): nodes "${node}" is forbidden: User "${VIEWER}" cannot get resource "nodes/proxy" in API group "" at the cluster scope\n`,
    );
    expect((await kubectl.run(['get', '--raw', '/api/v1/nodes/ghost/proxy/pods'])).stderr).toBe('Error from server (NotFound): nodes "ghost" not found\n');
    const kubelet = await kubeletFor(fc);
    try {
      const r = await kubectl.run(['get', '--raw', `/api/v1/nodes/${node}/proxy/healthz`, '--as=prom']);
      // The kubelet authorizes the API server's identity (system:kubelet-api-admin), not prom's.
      expect(r).toEqual({ code: 0, stdout: 'ok', stderr: '' }); // verbatim: no newline added
      if (kubelet.callers) expect(kubelet.callers).toEqual(['kube-apiserver-kubelet-client']);
    } finally {
      await kubelet.close();
    }
  });
});

interface KubeletUnderTest {
  /** Client certificate CNs seen, when the kubelet is our stand-in. */
  callers?: string[];
  close(): Promise<void>;
}

/**
 * The node's kubelet: the embedded one when the cluster runs kubelets, else a stand-in HTTPS
 * server on the node's address that records who calls it (the node proxy forwards to whatever
 * serves the node's address).
 */
async function kubeletFor(fc: FidelityCluster): Promise<KubeletUnderTest> {
  const node = fc.cluster.nodes[0]!;
  try {
    await fc.cluster.kubeletRequest(node.name, { method: 'GET', path: '/healthz' });
    return { close: async () => {} }; // it answers (whoever may ask): the cluster runs kubelets
  } catch {
    // no embedded kubelet yet: stand in for it
  }
  const ca = createCertificateAuthority('kubelet-stand-in-ca');
  const serving = issueCertificate(ca, { commonName: node.name, usage: 'server', ipAddresses: [node.internalIP] });
  const callers: string[] = [];
  const server: Server = createHttpsServer({ cert: serving.certPem, key: serving.keyPem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    callers.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? ''));
    res.writeHead(req.url === '/healthz' ? 200 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.url === '/healthz' ? 'ok' : '404 page not found\n');
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(node.kubeletPort, node.internalIP, () => done());
  });
  return { callers, close: () => new Promise((done) => server.close(() => done())) };
}

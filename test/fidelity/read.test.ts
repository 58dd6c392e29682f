// Reading a fresh cluster with the real kubectl: version, api-resources, get in its output
// formats and selectors, describe, explain, get --raw and watch. What the server decides (Table
// cells, discovery, errors, OpenAPI) must read exactly as on a kind cluster of that version.
// The newest kubectl runs everything; every other client runs version and explain.

import { request as httpsRequest } from 'node:https';
import { release } from 'node:os';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { KUBE_VERSIONS, VERSIONS } from '../../cluster/versions.js';
import { clientMinor, fidelityKubectls, readTable, startFidelityCluster, type FidelityCluster } from './harness.js';
import type { KubectlRunner } from '../support/kubectl.js';

const clients = await fidelityKubectls();
const newest = clients.at(-1);
const RBAC = 'rbac.authorization.k8s.io';

/** A GET with no credentials and no client-side URL checks, as `curl -k --path-as-is` sends it. */
function rawGet(server: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${server}${path}`, { rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** RFC 3339 in UTC without fractions: the CREATED AT cell and creationTimestamp. */
function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe.skipIf(!newest).concurrent.each(KUBE_VERSIONS)('reading a v%s cluster', (version) => {
  const info = VERSIONS[version];
  const serverMinor = Number(version.split('.')[1]);
  let fc: FidelityCluster;
  let kubectl: KubectlRunner;
  let node: string;
  /** When kind created the bootstrap objects: a minute before the (frozen) now. */
  let bootstrapTime: string;

  beforeAll(async () => {
    fc = await startFidelityCluster(version);
    kubectl = fc.admin(newest!);
    node = fc.cluster.nodes[0]!.name;
    bootstrapTime = rfc3339(new Date(fc.now.getTime() - 60_000));
  });
  afterAll(() => fc?.stop());

  describe.each(clients)('kubectl %s', (client) => {
    it('prints the pinned server version, with the skew warning beyond one minor', async ({ expect }) => {
      const r = await fc.admin(client).run(['version']);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')).toContain(`Server Version: ${info.gitVersion}`);
      const skew = Math.abs(clientMinor(client) - serverMinor);
      const warning = `version difference between client (1.${clientMinor(client)}) and server (${version}) exceeds the supported minor version skew of +/-1`;
      // The client decides the prefix's case (WARNING up to 1.33, Warning in 1.35); the server only its minor.
      if (skew > 1) expect(r.stderr).toMatch(new RegExp(`^(WARNING|Warning): ${escapeRegExp(warning)}\n$`));
      else expect(r.stderr).toBe('');
    });

    it('reads the OpenAPI v3 index with get --raw', async ({ expect }) => {
      const r = await fc.admin(client).run(['get', '--raw', '/openapi/v3']);
      const paths = Object.keys((JSON.parse(r.stdout) as { paths: Record<string, unknown> }).paths);
      expect(paths).toEqual(expect.arrayContaining(['api/v1', `apis/${RBAC}/v1`, 'apis/authorization.k8s.io/v1', 'apis/authentication.k8s.io/v1']));
    });

    it('explains a ClusterRole from the served OpenAPI v3 document', async ({ expect }) => {
      const r = await fc.admin(client).run(['explain', 'clusterrole']);
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n').slice(0, 4)).toEqual([`GROUP:      ${RBAC}`, 'KIND:       ClusterRole', 'VERSION:    v1', '']);
      const fields = [...r.stdout.matchAll(/^ {2}(\w+)\t<([^>]+)>$/gm)].map((m) => `${m[1]} <${m[2]}>`);
      expect(fields).toEqual(['aggregationRule <AggregationRule>', 'apiVersion <string>', 'kind <string>', 'metadata <ObjectMeta>', 'rules <[]PolicyRule>']);
    });
  });

  it('lists the API resources a kind cluster serves, RBAC and the review APIs as upstream', async ({ expect }) => {
    const r = await kubectl.run(['api-resources']);
    expect(r.code).toBe(0);
    const rows = readTable(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    const inGroup = (apiVersion: string) => rows.filter((row) => row[2] === apiVersion);
    expect(inGroup('v1').map((row) => row.join(' ').replace(/ +/g, ' '))).toEqual([
      'bindings v1 true Binding',
      'componentstatuses cs v1 false ComponentStatus',
      'configmaps cm v1 true ConfigMap',
      'endpoints ep v1 true Endpoints',
      'events ev v1 true Event',
      'limitranges limits v1 true LimitRange',
      'namespaces ns v1 false Namespace',
      'nodes no v1 false Node',
      'persistentvolumeclaims pvc v1 true PersistentVolumeClaim',
      'persistentvolumes pv v1 false PersistentVolume',
      'pods po v1 true Pod',
      'podtemplates v1 true PodTemplate',
      'replicationcontrollers rc v1 true ReplicationController',
      'resourcequotas quota v1 true ResourceQuota',
      'secrets v1 true Secret',
      'serviceaccounts sa v1 true ServiceAccount',
      'services svc v1 true Service',
    ]);
    expect(inGroup(`${RBAC}/v1`)).toEqual([
      ['clusterrolebindings', '', `${RBAC}/v1`, 'false', 'ClusterRoleBinding'],
      ['clusterroles', '', `${RBAC}/v1`, 'false', 'ClusterRole'],
      ['rolebindings', '', `${RBAC}/v1`, 'true', 'RoleBinding'],
      ['roles', '', `${RBAC}/v1`, 'true', 'Role'],
    ]);
    expect(inGroup('authorization.k8s.io/v1').map((row) => `${row[0]} ${row[3]}`)).toEqual([
      'localsubjectaccessreviews true',
      'selfsubjectaccessreviews false',
      'selfsubjectrulesreviews false',
      'subjectaccessreviews false',
    ]);
    expect(inGroup('authentication.k8s.io/v1').map((row) => row[0])).toEqual(['selfsubjectreviews', 'tokenreviews']);
  });

  it('shows the verbs of each RBAC resource with api-resources -o wide', async ({ expect }) => {
    const r = await kubectl.run(['api-resources', `--api-group=${RBAC}`, '-o', 'wide']);
    const rows = readTable(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS', 'CATEGORIES']);
    for (const row of rows.slice(1)) expect(row[5]).toBe('create,delete,deletecollection,get,list,patch,update,watch');
    expect(rows.slice(1).map((row) => row[0])).toEqual(['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles']);
  });

  it('prints the namespaces of a fresh kind cluster, with their name labels', async ({ expect }) => {
    const r = await kubectl.run(['get', 'ns', '--show-labels']);
    expect(r.stderr).toBe('');
    const rows = readTable(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'STATUS', 'AGE', 'LABELS']);
    expect(rows.slice(1).map(([name, status, , labels]) => [name, status, labels])).toEqual(
      ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'].map((ns) => [ns, 'Active', `kubernetes.io/metadata.name=${ns}`]),
    );
    for (const row of rows.slice(1)) expect(row[2]).toMatch(/^\d+s$/);
  });

  it('prints the node with -o wide: status, role, kubelet version, addresses and OS', async ({ expect }) => {
    const r = await kubectl.run(['get', 'nodes', '-o', 'wide']);
    const rows = readTable(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    const [name, status, roles, , kubeletVersion, internalIP, externalIP, osImage, kernel, runtime] = rows[1]!;
    expect([name, status, roles, kubeletVersion, internalIP, externalIP, osImage, kernel, runtime]).toEqual([
      node,
      'Ready',
      'control-plane',
      info.gitVersion,
      fc.cluster.nodes[0]!.internalIP,
      '<none>',
      info.nodeOsImage,
      release(), // kind nodes report the host's kernel
      info.containerRuntimeVersion,
    ]);
  });

  it('prints a single ClusterRole with the default columns NAME and CREATED AT', async ({ expect }) => {
    const r = await kubectl.run(['get', 'clusterrole', 'view', 'system:kubelet-api-admin']);
    expect(r).toEqual({
      code: 0,
      stdout: `NAME                       CREATED AT\nview                       ${bootstrapTime}\nsystem:kubelet-api-admin   ${bootstrapTime}\n`,
      stderr: '',
    });
  });

  it('prints ClusterRoleBindings with their role, and the subjects with -o wide', async ({ expect }) => {
    const r = await kubectl.run(['get', 'clusterrolebinding', 'kubeadm:cluster-admins', 'system:basic-user', 'system:controller:namespace-controller', '-o', 'wide']);
    expect(readTable(r.stdout)).toEqual([
      ['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'],
      ['kubeadm:cluster-admins', 'ClusterRole/cluster-admin', '60s', '', 'kubeadm:cluster-admins', ''],
      ['system:basic-user', 'ClusterRole/system:basic-user', '60s', '', 'system:authenticated', ''],
      ['system:controller:namespace-controller', 'ClusterRole/system:controller:namespace-controller', '60s', '', '', 'kube-system/namespace-controller'],
    ]);
  });

  it('lists the default ServiceAccount of every namespace with -A', async ({ expect }) => {
    const r = await kubectl.run(['get', 'sa', '-A', '--field-selector', 'metadata.name=default']);
    expect(readTable(r.stdout)).toEqual([
      ['NAMESPACE', 'NAME', 'SECRETS', 'AGE'],
      ...['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'].map((ns) => [ns, 'default', '0', expect.stringMatching(/^\d+s$/)]),
    ]);
  });

  it('selects the aggregated roles by label with -l', async ({ expect }) => {
    const view = await kubectl.run(['get', 'clusterroles', '-l', `${RBAC}/aggregate-to-view=true`, '-o', 'name']);
    expect(view.stdout).toBe(`clusterrole.${RBAC}/system:aggregate-to-view\n`);
    const edit = await kubectl.run(['get', 'clusterroles', '-l', `${RBAC}/aggregate-to-edit=true`, '-o', 'name']);
    expect(edit.stdout).toBe(`clusterrole.${RBAC}/system:aggregate-to-edit\nclusterrole.${RBAC}/view\n`);
    const none = await kubectl.run(['get', 'clusterroles', '-l', 'app=nothing']);
    expect(none).toEqual({ code: 0, stdout: '', stderr: 'No resources found\n' });
  });

  it('filters pods with --field-selector, and reports an unknown field label as upstream', async ({ expect }) => {
    const onNode = await kubectl.run(['get', 'pods', '-A', '--field-selector', `spec.nodeName=${node},status.phase=Running`, '-o', 'name']);
    const generated = (name: string) =>
      name.endsWith(node) ? name : name.replace(/-[a-z0-9]{5}$/, '-<id>').replace(/-[a-z0-9]{8,10}-<id>$/, '-<hash>-<id>');
    expect(onNode.stdout.split('\n').filter(Boolean).map(generated)).toEqual([
      'pod/coredns-<hash>-<id>',
      'pod/coredns-<hash>-<id>',
      `pod/etcd-${node}`,
      'pod/kindnet-<id>',
      `pod/kube-apiserver-${node}`,
      `pod/kube-controller-manager-${node}`,
      'pod/kube-proxy-<id>',
      `pod/kube-scheduler-${node}`,
      'pod/local-path-provisioner-<hash>-<id>',
    ]);
    const unknown = await kubectl.run(['get', 'pods', '--field-selector', 'foo=bar']);
    expect(unknown.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n');
    const rbac = await kubectl.run(['get', 'clusterroles', '--field-selector', 'foo=bar']);
    expect(rbac.stderr).toBe(
      `Error from server (BadRequest): Unable to find "${RBAC}/v1, Resource=clusterroles" that match label selector "", field selector "foo=bar": "foo" is not a known field selector: only "metadata.name", "metadata.namespace"\n`,
    );
    expect(rbac.code).toBe(1);
  });

  it('answers a missing object with the upstream NotFound text, and the namespace itself by name', async ({ expect }) => {
    expect(await kubectl.run(['get', 'clusterrole', 'nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (NotFound): clusterroles.${RBAC} "nope" not found\n`,
    });
    expect((await kubectl.run(['get', 'sa', 'nope', '-n', 'kube-system'])).stderr).toBe('Error from server (NotFound): serviceaccounts "nope" not found\n');
    expect((await kubectl.run(['get', 'ns', 'kube-system', '-o', 'name'])).stdout).toBe('namespace/kube-system\n');
  });

  it('prints the stored object with -o json and -o yaml', async ({ expect }) => {
    const json = await kubectl.run(['get', 'sa', 'default', '-n', 'kube-public', '-o', 'json']);
    const sa = JSON.parse(json.stdout) as { metadata: Record<string, string> };
    expect(sa).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { creationTimestamp: bootstrapTime, name: 'default', namespace: 'kube-public', resourceVersion: expect.stringMatching(/^\d+$/), uid: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    const yaml = await kubectl.run(['get', 'clusterrole', 'system:basic-user', '-o', 'yaml']);
    expect(yaml.stdout.replace(/(resourceVersion|uid): .*/g, '$1: <x>')).toBe(
      [
        `apiVersion: ${RBAC}/v1`,
        'kind: ClusterRole',
        'metadata:',
        '  annotations:',
        '    rbac.authorization.kubernetes.io/autoupdate: "true"',
        `  creationTimestamp: "${bootstrapTime}"`,
        '  labels:',
        '    kubernetes.io/bootstrapping: rbac-defaults',
        '  name: system:basic-user',
        '  resourceVersion: <x>',
        '  uid: <x>',
        'rules:',
        '- apiGroups:',
        '  - authorization.k8s.io',
        '  resources:',
        '  - selfsubjectaccessreviews',
        '  - selfsubjectrulesreviews',
        '  verbs:',
        '  - create',
        '- apiGroups:',
        '  - authentication.k8s.io',
        '  resources:',
        '  - selfsubjectreviews',
        '  verbs:',
        '  - create',
        '',
      ].join('\n'),
    );
  });

  it('describes system:kubelet-api-admin as this release bootstraps it', async ({ expect }) => {
    const r = await kubectl.run(['describe', 'clusterrole', 'system:kubelet-api-admin']);
    // KubeletFineGrainedAuthz (beta on in 1.33, GA in 1.36) adds nodes/configz, healthz and pods.
    const fineGrained = version === '1.31' ? [] : ['configz', 'healthz'];
    const rows = [...fineGrained, 'log', 'metrics', ...(version === '1.31' ? [] : ['pods']), 'proxy', 'stats'];
    const pad = (s: string, n: number) => s.padEnd(n);
    expect(r.stdout).toBe(
      [
        'Name:         system:kubelet-api-admin',
        'Labels:       kubernetes.io/bootstrapping=rbac-defaults',
        'Annotations:  rbac.authorization.kubernetes.io/autoupdate: true',
        'PolicyRule:',
        `  ${pad('Resources', 13)}  Non-Resource URLs  Resource Names  Verbs`,
        `  ${pad('---------', 13)}  -----------------  --------------  -----`,
        ...rows.map((sub) => `  ${pad(`nodes/${sub}`, 13)}  []                 []              [*]`),
        `  ${pad('nodes', 13)}  []                 []              [get list watch proxy]`,
        '',
      ].join('\n'),
    );
  });

  it('describes a ClusterRoleBinding, a ServiceAccount and a namespace', async ({ expect }) => {
    expect((await kubectl.run(['describe', 'clusterrolebinding', 'kubeadm:cluster-admins'])).stdout).toBe(
      [
        'Name:         kubeadm:cluster-admins',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Role:',
        '  Kind:  ClusterRole',
        '  Name:  cluster-admin',
        'Subjects:',
        '  Kind   Name                    Namespace',
        '  ----   ----                    ---------',
        '  Group  kubeadm:cluster-admins  ',
        '',
      ].join('\n'),
    );
    const sa = await kubectl.run(['describe', 'sa', 'default', '-n', 'default']);
    expect(sa.stdout).toMatch(/^Name: +default\nNamespace: +default\nLabels: +<none>\nAnnotations: +<none>\nImage pull secrets: +<none>\n/);
    expect((await kubectl.run(['describe', 'ns', 'kube-system'])).stdout).toBe(
      ['Name:         kube-system', 'Labels:       kubernetes.io/metadata.name=kube-system', 'Annotations:  <none>', 'Status:       Active', '', 'No resource quota.', '', 'No LimitRange resource.', ''].join('\n'),
    );
  });

  it('describes the node: roles, addresses, kubelet version and the pods it runs', async ({ expect }) => {
    const r = await kubectl.run(['describe', 'node', node]);
    expect(r.code).toBe(0);
    const line = (label: string) => new RegExp(`^${label}:? +(.*)$`, 'm').exec(r.stdout)?.[1];
    expect(line('Name')).toBe(node);
    expect(line('Roles')).toBe('control-plane');
    expect(line('  InternalIP')).toBe(fc.cluster.nodes[0]!.internalIP);
    expect(line('  Hostname')).toBe(node);
    expect(line('  Kubelet Version')).toBe(info.gitVersion);
    expect(line('  Container Runtime Version')).toBe(info.containerRuntimeVersion);
    expect(line('Non-terminated Pods')).toBe('(9 in total)');
    expect(r.stdout).toMatch(/^ {2}Ready +True +.* KubeletReady +kubelet is posting ready status$/m);
    expect(r.stdout).toMatch(new RegExp(`^Lease:\\n  HolderIdentity:  ${node}\\n  AcquireTime:     <unset>\\n  RenewTime:       \\w{3}, .+$`, 'm'));
  });

  it('lists the node heartbeat leases with their holders', async ({ expect }) => {
    expect(readTable((await kubectl.run(['get', 'leases', '-n', 'kube-node-lease'])).stdout)).toEqual([
      ['NAME', 'HOLDER', 'AGE'],
      [node, node, expect.stringMatching(/^\d+s$/)],
    ]);
  });

  it('serves /version, discovery, OpenAPI v3 and health checks to get --raw', async ({ expect }) => {
    const v = JSON.parse((await kubectl.run(['get', '--raw', '/version'])).stdout) as Record<string, string>;
    expect([v.major, v.minor, v.gitVersion, v.platform]).toEqual(['1', String(serverMinor), info.gitVersion, 'linux/amd64']);
    expect('emulationMajor' in v).toBe(info.emulationVersionFields);
    const apis = JSON.parse((await kubectl.run(['get', '--raw', '/apis'])).stdout) as { kind: string; groups: { name: string }[] };
    expect(apis.kind).toBe('APIGroupList');
    expect(apis.groups.map((g) => g.name)).toEqual(expect.arrayContaining([RBAC, 'authorization.k8s.io', 'authentication.k8s.io', 'apps']));
    const root = JSON.parse((await kubectl.run(['get', '--raw', '/openapi/v3'])).stdout) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(root.paths['api/v1']?.serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    const rbacDoc = JSON.parse((await kubectl.run(['get', '--raw', root.paths[`apis/${RBAC}/v1`]!.serverRelativeURL])).stdout) as {
      info: { version: string };
      components: { schemas: Record<string, unknown> };
    };
    expect(rbacDoc.info.version).toBe(info.gitVersion);
    expect(Object.keys(rbacDoc.components.schemas)).toEqual(expect.arrayContaining(['io.k8s.api.rbac.v1.ClusterRole', 'io.k8s.api.rbac.v1.PolicyRule']));
    expect(await kubectl.run(['get', '--raw', '/healthz'])).toEqual({ code: 0, stdout: 'ok', stderr: '' });
    expect((await kubectl.run(['get', '--raw', '/nope'])).stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n');
  });

  it('reads a %-escaped name in the path as Go does (curl users write system%3Anode)', async ({ expect }) => {
    const role = JSON.parse((await kubectl.run(['get', '--raw', `/apis/${RBAC}/v1/clusterroles/system%3Akubelet-api-admin`])).stdout) as { metadata: { name: string } };
    expect(role.metadata.name).toBe('system:kubelet-api-admin');
    // kubectl refuses a bad escape itself; curl sends it, and Go's server answers before any handler.
    const bad = await rawGet(fc.cluster.server, `/apis/${RBAC}/v1/clusterroles/system%zz`);
    expect(bad).toEqual({ status: 400, body: '400 Bad Request' });
  });

  it('explains a nested field path', async ({ expect }) => {
    const r = await kubectl.run(['explain', 'pods.spec.containers.image']);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual(['KIND:       Pod', 'VERSION:    v1', '', 'FIELD: image <string>', '']);
  });

  it('watches: the current objects, then each change', async ({ expect }) => {
    // In kube-public, selected by label: the other tests here count namespaces and pods.
    const watching = kubectl.run(['get', 'configmaps', '-n', 'kube-public', '-l', 'watched=yes', '-w', '--output-watch-events', '--request-timeout=8s']);
    await new Promise((done) => setTimeout(done, 2500)); // kubectl is watching by then, even on a busy machine
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w1\n  namespace: kube-public\n  labels:\n    watched: "yes"\ndata:\n  a: "1"\n';
    await kubectl.run(['apply', '-f', '-'], { input: configMap });
    await kubectl.run(['label', 'configmap', 'w1', '-n', 'kube-public', 'x=y']);
    const r = await watching;
    expect(readTable(r.stdout)).toEqual([
      ['EVENT', 'NAME', 'DATA', 'AGE'],
      ['ADDED', 'w1', '1', '0s'],
      ['MODIFIED', 'w1', '1', '0s'],
    ]);
  });

  it('streams a watch\'s initial state only where the WatchList gate is on (on from 1.34)', async ({ expect }) => {
    await kubectl.run(['create', 'configmap', 'listed', '-n', 'kube-public', '--from-literal=k=v']);
    const query = 'watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1';
    const r = await kubectl.run(['get', '--raw', `/api/v1/namespaces/kube-public/configmaps?${query}`]);
    if (version === '1.36') {
      const events = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; object: { metadata: { name?: string; annotations?: Record<string, string> } } });
      // Tests beside this one write to kube-public too: their events may follow the bookmark.
      const end = events.findIndex((e) => e.type === 'BOOKMARK');
      expect(events.slice(0, end).map((e) => e.object.metadata.name)).toContain('listed');
      expect(events[end]?.object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    } else {
      expect(r.stderr).toBe(
        // kubectl words a 422 from its details: kind ListOptions, name "".
        'The ListOptions "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled\n',
      );
    }
  });

  it('kubectl wait sees a change (kubectl 1.35 asks for a streamed initial state, older ones list first)', async ({ expect }) => {
    await kubectl.run(['create', 'configmap', 'awaited', '-n', 'kube-public', '--from-literal=state=new']);
    const waiting = kubectl.run(['wait', 'configmap/awaited', '-n', 'kube-public', '--for=jsonpath={.data.state}=done', '--timeout=20s']);
    await new Promise((done) => setTimeout(done, 1000));
    await kubectl.run(['patch', 'configmap', 'awaited', '-n', 'kube-public', '-p', '{"data":{"state":"done"}}']);
    expect(await waiting).toEqual({ code: 0, stdout: 'configmap/awaited condition met\n', stderr: '' });
  });
});

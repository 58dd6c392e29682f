// Writing with the real kubectl: create (every generator the lab uses, the protobuf bodies of
// 1.32+ and the JSON of 1.31), apply (client side, server side, dry run), the three patch types,
// label, annotate, replace, delete, set subject and auth reconcile. Each test writes objects of
// its own, so the tests of one cluster do not depend on each other's order.

import { afterAll, beforeAll, describe, it } from 'vitest';
import { KUBE_VERSIONS } from '../../cluster/versions.js';
import type { KubectlBinary } from '../../cluster/tools/kubectl.js';
import { clientMinor, fidelityKubectls, readTable, startFidelityCluster, type FidelityCluster } from './harness.js';
import type { KubectlRunner } from '../support/kubectl.js';

const clients = await fidelityKubectls();
const newest = clients.at(-1);
const RBAC = 'rbac.authorization.k8s.io';

/** The payload of a JWT, decoded. */
function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** `kubectl delete` of a namespaced object names its namespace since kubectl 1.34. */
function deleted(client: KubectlBinary, what: string, namespace?: string): string {
  return namespace && clientMinor(client) >= 34 ? `${what} deleted from ${namespace} namespace\n` : `${what} deleted\n`;
}

describe.skipIf(!newest).concurrent.each(KUBE_VERSIONS)('writing to a v%s cluster', (version) => {
  let fc: FidelityCluster;
  let kubectl: KubectlRunner;
  const json = async (args: string[]) => JSON.parse((await kubectl.run([...args, '-o', 'json'])).stdout) as Record<string, unknown> & { metadata: Record<string, unknown> };

  beforeAll(async () => {
    fc = await startFidelityCluster(version);
    kubectl = fc.admin(newest!);
  });
  afterAll(() => fc?.stop());

  // The typed `create` generators send protobuf from 1.32 and JSON before: every client runs them.
  describe.each(clients)('kubectl %s create', (client) => {
    const tag = `c${clientMinor(client)}`;
    const run = (args: string[], input?: string) => fc.admin(client).run(args, input === undefined ? {} : { input });

    it('creates a namespace, a ServiceAccount, a Role and a RoleBinding', async ({ expect }) => {
      expect(await run(['create', 'ns', tag])).toEqual({ code: 0, stdout: `namespace/${tag} created\n`, stderr: '' });
      expect((await run(['create', 'sa', 'app', '-n', tag])).stdout).toBe('serviceaccount/app created\n');
      expect((await run(['create', 'role', 'reader', '-n', tag, '--verb=get,list', '--resource=pods,secrets', '--resource-name=db'])).stdout).toBe(
        `role.${RBAC}/reader created\n`,
      );
      expect((await run(['create', 'rolebinding', 'reader', '-n', tag, '--role=reader', `--serviceaccount=${tag}:app`, '--user=bob', '--group=devs'])).stdout).toBe(
        `rolebinding.${RBAC}/reader created\n`,
      );
      const role = await json(['get', 'role', 'reader', '-n', tag]);
      expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods', 'secrets'], resourceNames: ['db'], verbs: ['get', 'list'] }]);
      const binding = await json(['get', 'rolebinding', 'reader', '-n', tag]);
      expect(binding.roleRef).toEqual({ apiGroup: RBAC, kind: 'Role', name: 'reader' });
      expect(binding.subjects).toEqual([
        { apiGroup: RBAC, kind: 'User', name: 'bob' },
        { apiGroup: RBAC, kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', name: 'app', namespace: tag },
      ]);
    });

    it('creates ClusterRoles for kubelet subresources, non-resource URLs and aggregation, and a binding', async ({ expect }) => {
      expect((await run(['create', 'clusterrole', `${tag}-metrics`, '--verb=get', '--resource=nodes/metrics', '--resource=nodes/stats'])).stdout).toBe(
        `clusterrole.${RBAC}/${tag}-metrics created\n`,
      );
      await run(['create', 'clusterrole', `${tag}-urls`, '--verb=get', '--non-resource-url=/healthz', '--non-resource-url=/logs/*']);
      await run(['create', 'clusterrole', `${tag}-agg`, `--aggregation-rule=${tag}/agg=true`]);
      expect((await run(['create', 'clusterrolebinding', `${tag}-view`, '--clusterrole=view', '--group=auditors'])).stdout).toBe(
        `clusterrolebinding.${RBAC}/${tag}-view created\n`,
      );
      const roles = (await json(['get', 'clusterrole', `${tag}-metrics`, `${tag}-urls`, `${tag}-agg`])).items as Record<string, unknown>[];
      expect(roles.map((r) => [r.rules, r.aggregationRule])).toEqual([
        [[{ apiGroups: [''], resources: ['nodes/metrics', 'nodes/stats'], verbs: ['get'] }], undefined],
        [[{ nonResourceURLs: ['/healthz', '/logs/*'], verbs: ['get'] }], undefined],
        [null, { clusterRoleSelectors: [{ matchLabels: { [`${tag}/agg`]: 'true' } }] }], // "rules" has no omitempty
      ]);
      expect((await json(['get', 'clusterrolebinding', `${tag}-view`])).subjects).toEqual([{ apiGroup: RBAC, kind: 'Group', name: 'auditors' }]);
    });

    it('creates a generic Secret and a ConfigMap', async ({ expect }) => {
      await run(['create', 'ns', `${tag}-data`]);
      expect((await run(['create', 'secret', 'generic', 'creds', '-n', `${tag}-data`, '--from-literal=user=admin'])).stdout).toBe('secret/creds created\n');
      expect((await run(['create', 'configmap', 'settings', '-n', `${tag}-data`, '--from-literal=mode=lab'])).stdout).toBe('configmap/settings created\n');
      const [secret, configMap] = (await json(['get', 'secret/creds', 'cm/settings', '-n', `${tag}-data`])).items as Record<string, unknown>[];
      expect([secret?.type, secret?.data, configMap?.data]).toEqual(['Opaque', { user: Buffer.from('admin').toString('base64') }, { mode: 'lab' }]);
    });

    it('issues tokens with --duration and --audience, and bound to a pod', async ({ expect }) => {
      const ns = `${tag}-tok`;
      await run(['create', 'ns', ns]);
      await run(['create', 'sa', 'robot', '-n', ns]);
      const sa = await json(['get', 'sa', 'robot', '-n', ns]);
      const r = await run(['create', 'token', 'robot', '-n', ns, '--duration=10m', '--audience=vault', '--audience=api']);
      expect(r.stdout).not.toContain('\n'); // no newline when stdout is not a terminal
      const claims = jwtClaims(r.stdout);
      expect(claims).toMatchObject({
        aud: ['vault', 'api'],
        iss: 'https://kubernetes.default.svc.cluster.local',
        sub: `system:serviceaccount:${ns}:robot`,
        'kubernetes.io': { namespace: ns, serviceaccount: { name: 'robot', uid: sa.metadata.uid } },
      });
      expect((claims.exp as number) - (claims.iat as number)).toBe(600);
      await kubectl.run(['run', 'worker', '-n', ns, '--image=busybox:1.36', '--overrides={"spec":{"serviceAccountName":"robot"}}']);
      const pod = await json(['get', 'pod', 'worker', '-n', ns]);
      const bound = await run(['create', 'token', 'robot', '-n', ns, '--bound-object-kind=Pod', '--bound-object-name=worker', `--bound-object-uid=${String(pod.metadata.uid)}`]);
      expect(jwtClaims(bound.stdout)['kubernetes.io']).toMatchObject({ pod: { name: 'worker', uid: pod.metadata.uid } });
    });

    it('debugs a node: a pod in the host\'s namespaces with its root mounted at /host', async ({ expect }) => {
      const ns = `${tag}-dbg`;
      const node = fc.cluster.nodes[0]!.name;
      await run(['create', 'ns', ns]);
      const r = await run(['debug', `node/${node}`, '-n', ns, '--image=busybox:1.36', '--profile=sysadmin', '--', 'true']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^Creating debugging pod node-debugger-${node}-[a-z0-9]{5} with container debugger on node ${node}\\.\n$`));
      const [pod] = (await json(['get', 'pods', '-n', ns])).items as { spec: Record<string, unknown> & { containers: { securityContext?: unknown; volumeMounts?: unknown[] }[]; volumes: unknown[] } }[];
      expect([pod?.spec.nodeName, pod?.spec.hostNetwork, pod?.spec.hostPID, pod?.spec.hostIPC, pod?.spec.restartPolicy]).toEqual([node, true, true, true, 'Never']);
      expect(pod?.spec.volumes[0]).toEqual({ name: 'host-root', hostPath: { path: '/', type: '' } }); // type defaulted, as upstream
      expect(pod?.spec.containers[0]?.volumeMounts?.[0]).toMatchObject({ name: 'host-root', mountPath: '/host' });
      expect(pod?.spec.containers[0]?.securityContext).toEqual({ privileged: true });
    });

    it('applies client side: created, unchanged, configured; then server side', async ({ expect }) => {
      const ns = `${tag}-apply`;
      await run(['create', 'ns', ns]);
      const manifest = (verbs: string) =>
        `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata:\n  name: pod-reader\n  namespace: ${ns}\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: [${verbs}]\n`;
      expect(await run(['apply', '-f', '-'], manifest('"get"'))).toEqual({ code: 0, stdout: `role.${RBAC}/pod-reader created\n`, stderr: '' });
      expect((await run(['apply', '-f', '-'], manifest('"get"'))).stdout).toBe(`role.${RBAC}/pod-reader unchanged\n`);
      expect((await run(['apply', '-f', '-'], manifest('"get", "list"'))).stdout).toBe(`role.${RBAC}/pod-reader configured\n`);
      const role = await json(['get', 'role', 'pod-reader', '-n', ns]);
      expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
      expect((role.metadata.annotations as Record<string, string>)['kubectl.kubernetes.io/last-applied-configuration']).toBe(
        `{"apiVersion":"${RBAC}/v1","kind":"Role","metadata":{"annotations":{},"name":"pod-reader","namespace":"${ns}"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}]}\n`,
      );
      expect((await run(['apply', '--server-side', '-f', '-'], manifest('"get", "list", "watch"'))).stdout).toBe(
        `role.${RBAC}/pod-reader serverside-applied\n`,
      );
      expect((await json(['get', 'role', 'pod-reader', '-n', ns])).rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    });
  });

  it('aggregates into a ClusterRole every ClusterRole that gets its label', async ({ expect }) => {
    await kubectl.run(['create', 'clusterrole', 'gathered', '--aggregation-rule=lab/gather=true']);
    await kubectl.run(['create', 'clusterrole', 'gather-me', '--verb=get', '--resource=nodes/metrics']);
    expect((await json(['get', 'clusterrole', 'gathered'])).rules).toBeNull();
    await kubectl.run(['label', 'clusterrole', 'gather-me', 'lab/gather=true']);
    await expect.poll(async () => (await json(['get', 'clusterrole', 'gathered'])).rules).toEqual([{ apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] }]);
    await kubectl.run(['label', 'clusterrole', 'gather-me', 'lab/gather-']);
    await expect.poll(async () => (await json(['get', 'clusterrole', 'gathered'])).rules).toEqual([]);
  });

  it('refuses token requests the way the TokenRequest API does', async ({ expect }) => {
    const ns = 'token-errors';
    await kubectl.run(['create', 'ns', ns]);
    await kubectl.run(['create', 'sa', 'robot', '-n', ns]);
    await kubectl.run(['run', 'worker', '-n', ns, '--image=busybox:1.36', '--overrides={"spec":{"serviceAccountName":"robot"}}']);
    expect((await kubectl.run(['create', 'token', 'robot', '-n', ns, '--bound-object-kind=Pod', '--bound-object-name=worker', '--bound-object-uid=123'])).stderr).toBe(
      'error: failed to create token: Operation cannot be fulfilled on Pod "worker": the UID in the bound object reference (123) does not match the UID in record. The object might have been deleted and then recreated\n',
    );
    expect((await kubectl.run(['create', 'token', 'default', '-n', ns, '--bound-object-kind=Pod', '--bound-object-name=worker'])).stderr).toBe(
      'error: failed to create token: cannot bind token for serviceaccount "default" to pod running with serviceaccount "robot"\n',
    );
    expect((await kubectl.run(['create', 'token', 'robot', '-n', ns, '--duration=1m'])).stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n',
    );
    expect((await kubectl.run(['create', 'token', 'ghost', '-n', ns])).stderr).toBe('error: failed to create token: serviceaccounts "ghost" not found\n');
  });

  it('dry-runs on the server without storing anything', async ({ expect }) => {
    const manifest = `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: dry\nrules:\n- apiGroups: [""]\n  resources: ["nodes/proxy"]\n  verbs: ["get"]\n`;
    expect(await kubectl.run(['apply', '--dry-run=server', '-f', '-'], { input: manifest })).toEqual({
      code: 0,
      stdout: `clusterrole.${RBAC}/dry created (server dry run)\n`,
      stderr: '',
    });
    expect((await kubectl.run(['create', 'clusterrole', 'dry', '--verb=get', '--resource=pods', '--dry-run=server'])).stdout).toBe(`clusterrole.${RBAC}/dry created (server dry run)\n`);
    expect((await kubectl.run(['get', 'clusterrole', 'dry'])).stderr).toBe(`Error from server (NotFound): clusterroles.${RBAC} "dry" not found\n`);
  });

  it('re-applies an unchanged pod as "unchanged": containers merge by name, as the OpenAPI says', async ({ expect }) => {
    await kubectl.run(['create', 'ns', 'pods-apply']);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: pods-apply\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n';
    expect((await kubectl.run(['apply', '-f', '-'], { input: pod })).stdout).toBe('pod/web created\n');
    expect((await kubectl.run(['apply', '-f', '-'], { input: pod })).stdout).toBe('pod/web unchanged\n');
    expect((await kubectl.run(['apply', '-f', '-'], { input: pod.replace('nginx:1.27', 'nginx:1.28') })).stdout).toBe('pod/web configured\n');
    const live = await json(['get', 'pod', 'web', '-n', 'pods-apply']);
    expect((live.spec as { containers: { image: string; imagePullPolicy: string }[] }).containers.map((c) => [c.image, c.imagePullPolicy])).toEqual([['nginx:1.28', 'IfNotPresent']]);

    // describe pod reads the status the node reports: running, ready, on the node, with an IP.
    const node = fc.cluster.nodes[0]!;
    await expect.poll(async () => (await json(['get', 'pod', 'web', '-n', 'pods-apply'])).status).toMatchObject({ phase: 'Running' });
    const described = (await kubectl.run(['describe', 'pod', 'web', '-n', 'pods-apply'])).stdout;
    const field = (label: string) => new RegExp(`^${label}: +(.*)$`, 'm').exec(described)?.[1];
    expect([field('Name'), field('Namespace'), field('Service Account'), field('Node'), field('Status'), field('QoS Class')]).toEqual([
      'web',
      'pods-apply',
      'default',
      `${node.name}/${node.internalIP}`,
      'Running',
      'BestEffort',
    ]);
    expect(field('IP')).toMatch(/^10\.244\.0\.\d+$/);
    expect([field('    Image'), field('    Port'), field('    State'), field('    Ready'), field('    Restart Count')]).toEqual(['nginx:1.28', '80/TCP', 'Running', 'True', '0']);
  });

  it('adds the default NoExecute tolerations next to a pod\'s own', async ({ expect }) => {
    await kubectl.run(['create', 'ns', 'tolerations']);
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tolerant\n  namespace: tolerations\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n' +
      '  tolerations:\n  - key: dedicated\n    operator: Equal\n    value: lab\n    effect: NoSchedule\n';
    expect((await kubectl.run(['create', '-f', '-'], { input: pod })).stdout).toBe('pod/tolerant created\n');
    const described = (await kubectl.run(['describe', 'pod', 'tolerant', '-n', 'tolerations'])).stdout;
    expect(/^Tolerations: +(.*\n(?: {10,}.*\n)*)/m.exec(described)?.[1]?.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual([
      'dedicated=lab:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    ]);
  });

  it('gives a new pod an address no bootstrap pod holds', async ({ expect }) => {
    await kubectl.run(['create', 'ns', 'ips']);
    await kubectl.run(['run', 'probe', '-n', 'ips', '--image=busybox:1.36']);
    await expect.poll(async () => (await json(['get', 'pod', 'probe', '-n', 'ips'])).status).toMatchObject({ phase: 'Running' });
    const ips = JSON.parse((await kubectl.run(['get', 'pods', '-A', '-o', 'json'])).stdout) as { items: { spec: { hostNetwork?: boolean }; status: { podIP?: string } }[] };
    const podNetwork = ips.items.filter((p) => !p.spec.hostNetwork).map((p) => p.status.podIP);
    expect(new Set(podNetwork).size).toBe(podNetwork.length);
  });

  it('patches with strategic merge, merge and JSON patches', async ({ expect }) => {
    await kubectl.run(['create', 'clusterrole', 'patched', '--verb=get', '--resource=pods']);
    expect(await kubectl.run(['patch', 'clusterrole', 'patched', '-p', '{"metadata":{"labels":{"team":"a"}}}'])).toEqual({
      code: 0,
      stdout: `clusterrole.${RBAC}/patched patched\n`,
      stderr: '',
    });
    expect((await kubectl.run(['patch', 'clusterrole', 'patched', '-p', '{"metadata":{"labels":{"team":"a"}}}'])).stdout).toBe(`clusterrole.${RBAC}/patched patched (no change)\n`);
    await kubectl.run(['patch', 'clusterrole', 'patched', '--type=merge', '-p', '{"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}]}']);
    await kubectl.run(['patch', 'clusterrole', 'patched', '--type=json', '-p', '[{"op":"add","path":"/rules/0/verbs/-","value":"watch"}]']);
    expect((await json(['get', 'clusterrole', 'patched'])).rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] }]);
    expect(await kubectl.run(['patch', 'clusterrole', 'patched', '--type=json', '-p', '[{"op":"remove","path":"/rules/5"}]'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'The request is invalid: the server rejected our request due to an error in our request\n',
    });
    expect((await kubectl.run(['patch', 'clusterrole', 'nope', '-p', '{}'])).stderr).toBe(`Error from server (NotFound): clusterroles.${RBAC} "nope" not found\n`);
  });

  it('labels and annotates, refusing to overwrite without --overwrite', async ({ expect }) => {
    await kubectl.run(['create', 'ns', 'tags']);
    expect((await kubectl.run(['label', 'ns', 'tags', 'tier=lab'])).stdout).toBe('namespace/tags labeled\n');
    expect(await kubectl.run(['label', 'ns', 'tags', 'tier=prod'])).toEqual({ code: 1, stdout: '', stderr: "error: 'tier' already has a value (lab), and --overwrite is false\n" });
    expect((await kubectl.run(['label', 'ns', 'tags', 'tier=prod', '--overwrite'])).stdout).toBe('namespace/tags labeled\n');
    expect((await kubectl.run(['annotate', 'ns', 'tags', 'owner=lab-team'])).stdout).toBe('namespace/tags annotated\n');
    expect(readTable((await kubectl.run(['get', 'ns', 'tags', '--show-labels'])).stdout)[1]).toEqual(['tags', 'Active', '0s', 'kubernetes.io/metadata.name=tags,tier=prod']);
    expect((await kubectl.run(['label', 'ns', 'tags', 'tier-'])).stdout).toBe('namespace/tags unlabeled\n');
    expect((await json(['get', 'ns', 'tags'])).metadata.annotations).toEqual({ owner: 'lab-team' });
  });

  it('replaces with the live resourceVersion, and refuses a stale one', async ({ expect }) => {
    await kubectl.run(['create', 'clusterrole', 'replaced', '--verb=get', '--resource=pods']);
    const live = (await kubectl.run(['get', 'clusterrole', 'replaced', '-o', 'yaml'])).stdout;
    const edited = live.replace('- get', '- list');
    expect((await kubectl.run(['replace', '-f', '-'], { input: edited })).stdout).toBe(`clusterrole.${RBAC}/replaced replaced\n`);
    expect((await json(['get', 'clusterrole', 'replaced'])).rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }]);
    expect((await kubectl.run(['replace', '-f', '-'], { input: edited })).stderr).toBe(
      `Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on clusterroles.${RBAC} "replaced": the object has been modified; please apply your changes to the latest version and try again\n`,
    );
  });

  it('deletes, and a second delete is NotFound', async ({ expect }) => {
    await kubectl.run(['create', 'ns', 'gone']);
    await kubectl.run(['create', 'sa', 'temp', '-n', 'gone']);
    await kubectl.run(['create', 'clusterrolebinding', 'np-bind', '--clusterrole=view', '--user=eve']);
    expect(await kubectl.run(['delete', 'clusterrolebinding', 'np-bind'])).toEqual({ code: 0, stdout: deleted(newest!, `clusterrolebinding.${RBAC} "np-bind"`), stderr: '' });
    expect(await kubectl.run(['delete', 'clusterrolebinding', 'np-bind'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (NotFound): clusterrolebindings.${RBAC} "np-bind" not found\n`,
    });
    expect((await kubectl.run(['delete', 'sa', 'temp', '-n', 'gone'])).stdout).toBe(deleted(newest!, 'serviceaccount "temp"', 'gone'));
    expect((await kubectl.run(['delete', 'ns', 'gone'])).stdout).toBe(deleted(newest!, 'namespace "gone"'));
    expect((await kubectl.run(['get', 'ns', 'gone'])).stderr).toBe('Error from server (NotFound): namespaces "gone" not found\n');
  });

  it('sets binding subjects with set subject', async ({ expect }) => {
    await kubectl.run(['create', 'clusterrolebinding', 'subjects', '--clusterrole=view', '--user=alice']);
    expect((await kubectl.run(['set', 'subject', 'clusterrolebinding', 'subjects', '--user=bob', '--serviceaccount=kube-system:robot'])).stdout).toBe(
      `clusterrolebinding.${RBAC}/subjects subjects updated\n`,
    );
    expect(readTable((await kubectl.run(['get', 'clusterrolebinding', 'subjects', '-o', 'wide'])).stdout)).toEqual([
      ['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'],
      ['subjects', 'ClusterRole/view', '0s', 'alice, bob', '', 'kube-system/robot'],
    ]);
  });

  it('reconciles RBAC objects with auth reconcile', async ({ expect }) => {
    await kubectl.run(['create', 'ns', 'rec']);
    const manifest =
      `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata:\n  name: rec\n  namespace: rec\nrules:\n- apiGroups: [""]\n  resources: ["configmaps"]\n  verbs: ["get"]\n---\n` +
      `apiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata:\n  name: rec\n  namespace: rec\nsubjects:\n- kind: User\n  name: carol\n  apiGroup: ${RBAC}\nroleRef:\n  kind: Role\n  name: rec\n  apiGroup: ${RBAC}\n`;
    const first = await kubectl.run(['auth', 'reconcile', '-f', '-'], { input: manifest });
    expect(first.stdout).toBe(`role.${RBAC}/rec reconciled\nrolebinding.${RBAC}/rec reconciled\n`);
    expect((await kubectl.run(['auth', 'can-i', 'get', 'configmaps', '-n', 'rec', '--as=carol'])).stdout).toBe('yes\n');
    expect((await kubectl.run(['auth', 'reconcile', '-f', '-'], { input: manifest })).stdout).toBe(`role.${RBAC}/rec reconciled\nrolebinding.${RBAC}/rec reconciled\n`);
  });

  it('creates from a file, and keeps 422 Invalid and strict-decoding errors as kubectl renders them', async ({ expect }) => {
    const bad =
      `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: no-verbs\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n---\n` +
      `apiVersion: ${RBAC}/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: bad-ref\nsubjects:\n- kind: ServiceAccount\n  name: x\nroleRef:\n  apiGroup: ${RBAC}\n  kind: Role\n  name: view\n---\n` +
      `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: typo\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  resourceName: ["x"]\n  verbs: ["get"]\n`;
    const r = await kubectl.run(['create', '-f', '-'], { input: bad });
    expect(r.stderr.split('\n')).toEqual([
      `Error from server (Invalid): error when creating "STDIN": ClusterRole.${RBAC} "no-verbs" is invalid: rules[0].verbs: Required value: verbs must contain at least one value`,
      `Error from server (Invalid): error when creating "STDIN": ClusterRoleBinding.${RBAC} "bad-ref" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value]`,
      `Error from server (BadRequest): error when creating "STDIN": ClusterRole in version "v1" cannot be handled as a ClusterRole: strict decoding error: unknown field "rules[0].resourceName"`,
      '',
    ]);
    // With --validate=false the field is dropped silently, as the typed decoder drops it.
    await kubectl.run(['create', '-f', '-', '--validate=false'], { input: bad.split('---\n')[2]! });
    expect((await json(['get', 'clusterrole', 'typo'])).rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    await kubectl.run(['create', 'clusterrolebinding', 'fixed-ref', '--clusterrole=view', '--user=a']);
    expect(await kubectl.run(['patch', 'clusterrolebinding', 'fixed-ref', '--type=merge', '-p', '{"roleRef":{"name":"edit"}}'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `The ClusterRoleBinding "fixed-ref" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"${RBAC}", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef\n`,
    });
  });
});

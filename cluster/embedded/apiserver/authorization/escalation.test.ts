import { describe, expect, it } from 'vitest';
import type { ClusterRole, PolicyRule, RoleBinding, UserInfo } from '../types.js';
import { KubeApiserverAuthorizer } from './authorizer-chain.js';
import { checkBindingWrite, checkRoleWrite, type BindingWrite, type RoleWrite } from './escalation.js';
import { MemoryRbacSource, type RbacObjects } from './memory-rbac-source.js';
import {
  clusterRole,
  clusterRoleBinding,
  groupSubject,
  role,
  roleBinding,
  roleRef,
  userSubject,
} from './rbac-objects.js';

const RBAC = 'rbac.authorization.k8s.io';
const alice: UserInfo = { username: 'alice', groups: ['devs', 'system:authenticated'] };
const root: UserInfo = { username: 'root', groups: ['system:masters'] };

const pods: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] };
const nodes: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['nodes'] };
const everything: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

function cluster(extra: RbacObjects = {}) {
  const rbac = new MemoryRbacSource({
    clusterRoles: [
      clusterRole('pod-reader', [pods]),
      clusterRole('node-reader', [nodes]),
      clusterRole('cluster-admin', everything),
      ...(extra.clusterRoles ?? []),
    ],
    roles: extra.roles ?? [],
    clusterRoleBindings: [clusterRoleBinding('devs-read-pods', 'pod-reader', [groupSubject('devs')]), ...(extra.clusterRoleBindings ?? [])],
    roleBindings: extra.roleBindings ?? [],
  });
  return { rbac, authorizer: new KubeApiserverAuthorizer(rbac, { authorizeNodeWithSelectors: true }) };
}

function writeClusterRole(object: ClusterRole, overrides: Partial<RoleWrite> = {}, extra?: RbacObjects): RoleWrite {
  return { user: alice, kind: 'ClusterRole', namespace: '', object, ...cluster(extra), ...overrides };
}

function writeBinding(object: RoleBinding, overrides: Partial<BindingWrite> = {}, extra?: RbacObjects): BindingWrite {
  const kind = object.metadata.namespace ? 'RoleBinding' : 'ClusterRoleBinding';
  return { user: alice, kind, namespace: object.metadata.namespace ?? '', object, ...cluster(extra), ...overrides };
}

const notHeld = (lines: string) =>
  `user "alice" (groups=["devs" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n${lines}`;

describe('checkRoleWrite', () => {
  it('lets a user create a role with permissions they hold', () => {
    expect(checkRoleWrite(writeClusterRole(clusterRole('mine', [{ ...pods, verbs: ['get'] }])))).toBeUndefined();
  });

  it('refuses permissions the user lacks, listing them compacted and sorted', () => {
    const err = checkRoleWrite(
      writeClusterRole(
        clusterRole('grab', [
          { verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods', 'nodes'] },
          { verbs: ['get'], nonResourceURLs: ['/metrics'] },
        ]),
      ),
    );
    expect(err?.code).toBe(403);
    expect(err?.reason).toBe('Forbidden');
    expect(err?.details).toEqual({ name: 'grab', group: RBAC, kind: 'clusterroles' });
    expect(err?.message).toBe(
      `clusterroles.${RBAC} "grab" is forbidden: ` +
        notHeld(
          '{APIGroups:[""], Resources:["nodes"], Verbs:["get" "delete"]}\n' +
            '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}\n' +
            '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
        ),
    );
  });

  it('appends the errors met while reading the user\'s own roles, worded as the registry does', () => {
    const extra = { clusterRoleBindings: [clusterRoleBinding('broken', 'ghost', [userSubject('alice')])] };
    const err = checkRoleWrite(writeClusterRole(clusterRole('n', [nodes]), {}, extra));
    expect(err?.message).toMatch(
      /Verbs:\["get" "list"\]\}; resolution errors: \[clusterroles\.rbac\.authorization\.k8s\.io "ghost" not found\]$/,
    );
  });

  it('lets system:masters write anything', () => {
    expect(checkRoleWrite(writeClusterRole(clusterRole('all', everything), { user: root }))).toBeUndefined();
  });

  it('lets a user with `escalate` write any rules; a name-restricted grant only helps updates', () => {
    const escalator = clusterRole('escalator', [{ verbs: ['escalate'], apiGroups: [RBAC], resources: ['clusterroles'], resourceNames: ['big'] }]);
    const extra = { clusterRoles: [escalator], clusterRoleBindings: [clusterRoleBinding('esc', 'escalator', [userSubject('alice')])] };
    const big = clusterRole('big', [nodes]);
    expect(checkRoleWrite(writeClusterRole(big, {}, extra))?.code).toBe(403); // POST carries no name
    expect(checkRoleWrite(writeClusterRole(big, { old: clusterRole('big', []) }, extra))).toBeUndefined();
    expect(checkRoleWrite(writeClusterRole(big, { requestName: 'big' }, extra))).toBeUndefined();
  });

  it('checks a Role against what the user holds in its namespace', () => {
    const extra = { roleBindings: [roleBinding('dev', 'nodes-here', roleRef('ClusterRole', 'node-reader'), [userSubject('alice')])] };
    const write = (namespace: string): RoleWrite => ({
      ...writeClusterRole(clusterRole('x', []), {}, extra),
      kind: 'Role',
      namespace,
      object: role(namespace, 'edit', [nodes]),
    });
    expect(checkRoleWrite(write('dev'))).toBeUndefined();
    expect(checkRoleWrite(write('prod'))?.message).toBe(
      `roles.${RBAC} "edit" is forbidden: ${notHeld('{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}')}`,
    );
  });

  it('requires cluster-admin to set, keep or remove an aggregationRule', () => {
    const aggregated: ClusterRole = {
      ...clusterRole('agg', []),
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate': 'true' } }] },
    };
    const message = `clusterroles.${RBAC} "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule`;
    expect(checkRoleWrite(writeClusterRole(aggregated))?.message).toBe(message);
    expect(checkRoleWrite(writeClusterRole(clusterRole('agg', []), { old: aggregated }))?.message).toBe(message);
    const admins = { clusterRoleBindings: [clusterRoleBinding('admins', 'cluster-admin', [userSubject('alice')])] };
    expect(checkRoleWrite(writeClusterRole(aggregated, {}, admins))).toBeUndefined();
  });

  it('lets updates that only touch garbage-collection fields through', () => {
    const old = clusterRole('big', [nodes]);
    const finalizing: ClusterRole = { ...old, metadata: { ...old.metadata, finalizers: ['example.com/cleanup'], ownerReferences: [] } };
    expect(checkRoleWrite(writeClusterRole(finalizing, { old }))).toBeUndefined();
    const relabelled: ClusterRole = { ...old, metadata: { ...old.metadata, labels: { a: 'b' } } };
    expect(checkRoleWrite(writeClusterRole(relabelled, { old }))?.code).toBe(403);
  });
});

describe('checkBindingWrite', () => {
  it('lets a user bind a role whose permissions they hold', () => {
    expect(checkBindingWrite(writeBinding(clusterRoleBinding('b', 'pod-reader', [userSubject('bob')])))).toBeUndefined();
  });

  it('refuses to bind a role with permissions the user lacks', () => {
    const err = checkBindingWrite(writeBinding(clusterRoleBinding('b', 'node-reader', [userSubject('bob')])));
    expect(err?.message).toBe(
      `clusterrolebindings.${RBAC} "b" is forbidden: ${notHeld('{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}')}`,
    );
    expect(err?.details).toEqual({ name: 'b', group: RBAC, kind: 'clusterrolebindings' });
  });

  it('accepts `bind` granted on the role itself, not on bindings', () => {
    const grant = (resources: string[]) => ({
      clusterRoles: [clusterRole('binder', [{ verbs: ['bind'], apiGroups: [RBAC], resources, resourceNames: ['node-reader'] }])],
      clusterRoleBindings: [clusterRoleBinding('binder', 'binder', [userSubject('alice')])],
    });
    const binding = clusterRoleBinding('b', 'node-reader', [userSubject('bob')]);
    expect(checkBindingWrite(writeBinding(binding, {}, grant(['clusterroles'])))).toBeUndefined();
    expect(checkBindingWrite(writeBinding(binding, {}, grant(['clusterrolebindings'])))?.code).toBe(403);
  });

  it('checks `bind` in the binding\'s namespace', () => {
    const extra = {
      clusterRoles: [clusterRole('binder', [{ verbs: ['bind'], apiGroups: [RBAC], resources: ['clusterroles'] }])],
      roleBindings: [roleBinding('dev', 'binder', roleRef('ClusterRole', 'binder'), [userSubject('alice')])],
    };
    const inDev = roleBinding('dev', 'b', roleRef('ClusterRole', 'node-reader'), [userSubject('bob')]);
    expect(checkBindingWrite(writeBinding(inDev, {}, extra))).toBeUndefined();
    const clusterWide = clusterRoleBinding('b', 'node-reader', [userSubject('bob')]);
    expect(checkBindingWrite(writeBinding(clusterWide, {}, extra))?.code).toBe(403);
  });

  it('answers 404 with the plural resource when the role to check does not exist', () => {
    const err = checkBindingWrite(writeBinding(clusterRoleBinding('b', 'ghost', [userSubject('bob')])));
    expect(err?.toStatus()).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: `clusterroles.${RBAC} "ghost" not found`,
      details: { name: 'ghost', group: RBAC, kind: 'clusterroles' },
    });
    const missingRole = roleBinding('dev', 'b', roleRef('Role', 'gone'), [userSubject('bob')]);
    expect(checkBindingWrite(writeBinding(missingRole))?.message).toBe(`roles.${RBAC} "gone" not found`);
  });

  it('does not require the role to exist for system:masters or `bind` holders', () => {
    expect(checkBindingWrite(writeBinding(clusterRoleBinding('b', 'ghost', []), { user: root }))).toBeUndefined();
    const extra = {
      clusterRoles: [clusterRole('binder', [{ verbs: ['bind'], apiGroups: [RBAC], resources: ['clusterroles'] }])],
      clusterRoleBindings: [clusterRoleBinding('binder', 'binder', [userSubject('alice')])],
    };
    expect(checkBindingWrite(writeBinding(clusterRoleBinding('b', 'ghost', []), {}, extra))).toBeUndefined();
  });

  it('answers a roleRef kind it cannot resolve with a plain server error', () => {
    const odd: RoleBinding = { ...clusterRoleBinding('b', 'x', []), roleRef: roleRef('Foo', 'x') };
    expect(checkBindingWrite(writeBinding(odd))?.toStatus()).toMatchObject({ code: 500, message: 'unsupported role reference kind: "Foo"' });
    expect(checkBindingWrite(writeBinding(odd))?.toStatus().reason).toBeUndefined();
  });

  it('skips the check when an update only changes ownerReferences', () => {
    const old = clusterRoleBinding('b', 'node-reader', [userSubject('bob')]);
    const owned: RoleBinding = { ...old, metadata: { ...old.metadata, ownerReferences: [{ kind: 'X', name: 'y' }] } };
    expect(checkBindingWrite(writeBinding(owned, { old }))).toBeUndefined();
  });
});

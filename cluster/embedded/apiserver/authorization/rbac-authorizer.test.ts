import { describe, expect, it } from 'vitest';
import type { Attributes, PolicyRule, RoleBinding, UserInfo } from '../types.js';
import { MemoryRbacSource, type RbacObjects } from './memory-rbac-source.js';
import { RBACAuthorizer } from './rbac-authorizer.js';
import {
  clusterRole,
  clusterRoleBinding,
  groupSubject,
  role,
  roleBinding,
  roleRef,
  serviceAccountSubject,
  userSubject,
} from './rbac-objects.js';
import { subjectRulesReviewStatus } from './subject-rules.js';

const bob: UserInfo = { username: 'bob', groups: ['devs', 'system:authenticated'] };
const podReader: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] };

function authorizer(objects: RbacObjects): RBACAuthorizer {
  return new RBACAuthorizer(new MemoryRbacSource(objects));
}

function getPods(user: UserInfo, namespace: string, name = ''): Attributes {
  return { user, verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods', namespace, name };
}

describe('RBACAuthorizer reasons', () => {
  it('lists every role it could not read, in scan order, when nothing allows', () => {
    const rbac = authorizer({
      clusterRoleBindings: [clusterRoleBinding('a', 'ghost', [userSubject('bob')])],
      roleBindings: [roleBinding('dev', 'b', roleRef('Role', 'missing'), [groupSubject('devs')])],
    });
    expect(rbac.authorize(getPods(bob, 'dev'))).toEqual({
      decision: 'noOpinion',
      reason:
        'RBAC: [clusterrole.rbac.authorization.k8s.io "ghost" not found, role.rbac.authorization.k8s.io "missing" not found]',
    });
  });

  it('prints a repeated resolution error once, without brackets', () => {
    const rbac = authorizer({
      clusterRoleBindings: [
        clusterRoleBinding('a', 'ghost', [userSubject('bob')]),
        clusterRoleBinding('b', 'ghost', [groupSubject('devs')]),
      ],
    });
    expect(rbac.authorize(getPods(bob, 'dev')).reason).toBe('RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found');
  });

  it('reports a roleRef kind it does not know', () => {
    const binding: RoleBinding = { ...clusterRoleBinding('odd', 'x', [userSubject('bob')]), roleRef: roleRef('Foo', 'x') };
    expect(authorizer({ clusterRoleBindings: [binding] }).authorize(getPods(bob, 'dev')).reason).toBe(
      'RBAC: unsupported role reference kind: "Foo"',
    );
  });

  it('names the first subject of the binding that is the user', () => {
    const rbac = authorizer({
      clusterRoles: [clusterRole('pod-reader', [podReader])],
      clusterRoleBindings: [clusterRoleBinding('readers', 'pod-reader', [groupSubject('devs'), userSubject('bob')])],
    });
    expect(rbac.authorize(getPods(bob, 'dev')).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "readers" of ClusterRole "pod-reader" to Group "devs"',
    );
  });

  it('quotes names the way Go %q does', () => {
    const odd: UserInfo = { username: 'we"ird\\user', groups: [] };
    const rbac = authorizer({
      clusterRoles: [clusterRole('pod-reader', [podReader])],
      clusterRoleBindings: [clusterRoleBinding('r', 'pod-reader', [userSubject('we"ird\\user')])],
    });
    expect(rbac.authorize(getPods(odd, 'dev')).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "r" of ClusterRole "pod-reader" to User "we\\"ird\\\\user"',
    );
  });
});

describe('RBACAuthorizer.explain (decision trail)', () => {
  const sa: UserInfo = {
    username: 'system:serviceaccount:dev:monitor',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'],
  };
  const objects: RbacObjects = {
    clusterRoles: [
      clusterRole('node-reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['nodes'] }]),
      clusterRole('pod-reader', [podReader]),
      clusterRole('empty', []),
    ],
    clusterRoleBindings: [
      clusterRoleBinding('admins', 'cluster-admin', [groupSubject('system:masters')]),
      clusterRoleBinding('nodes', 'node-reader', [serviceAccountSubject('monitor', 'dev')]),
      clusterRoleBinding('ghost', 'ghost', [groupSubject('system:authenticated')]),
    ],
    roleBindings: [
      roleBinding('dev', 'pods', roleRef('ClusterRole', 'pod-reader'), [serviceAccountSubject('monitor')]),
      roleBinding('dev', 'aggregated-later', roleRef('ClusterRole', 'empty'), [serviceAccountSubject('monitor')]),
    ],
  };

  it('shows every binding and why each rule failed when nothing allows', () => {
    const attrs: Attributes = { ...getPods(sa, 'dev', 'p'), verb: 'delete' };
    const trail = authorizer(objects).explain(attrs);
    expect(trail.result).toEqual(authorizer(objects).authorize(attrs));
    expect(trail.roleBindingsNamespace).toBe('dev');
    expect(trail.allowedBy).toBeUndefined();
    expect(trail.bindings.map((b) => [b.kind, b.name, b.outcome])).toEqual([
      ['ClusterRoleBinding', 'admins', 'subject-not-matched'],
      ['ClusterRoleBinding', 'nodes', 'no-rule-matched'],
      ['ClusterRoleBinding', 'ghost', 'role-not-resolved'],
      ['RoleBinding', 'pods', 'no-rule-matched'],
      ['RoleBinding', 'aggregated-later', 'no-rule-matched'],
    ]);
    expect(trail.bindings[1]!.rules).toEqual([{ index: 0, rule: objects.clusterRoles![0]!.rules![0], mismatch: 'verb' }]);
    expect(trail.bindings[2]!.error).toBe('clusterrole.rbac.authorization.k8s.io "ghost" not found');
    expect(trail.bindings[3]!.subject).toEqual(serviceAccountSubject('monitor'));
    expect(trail.bindings[4]!.rules).toEqual([]);
  });

  it('stops where upstream stops and points at the allowing rule', () => {
    const trail = authorizer(objects).explain({ ...getPods(sa, 'dev'), resource: 'nodes', namespace: '' });
    expect(trail.result.decision).toBe('allow');
    expect(trail.allowedBy?.binding.name).toBe('nodes');
    expect(trail.allowedBy?.rule.index).toBe(0);
    expect(trail.bindings.map((b) => b.name)).toEqual(['admins', 'nodes']);
    expect(trail.roleBindingsNamespace).toBeUndefined();
    // With a namespace, RoleBindings would come next, but a ClusterRoleBinding allowed first.
    const inDev = authorizer(objects).explain({ ...getPods(sa, 'dev'), resource: 'nodes' });
    expect(inDev.allowedBy?.binding.kind).toBe('ClusterRoleBinding');
    expect(inDev.roleBindingsNamespace).toBeUndefined();
  });

  it('tells the first mismatching part of each rule', () => {
    const rbac = authorizer(objects);
    const reasonFor = (attrs: Attributes) => rbac.explain(attrs).bindings.find((b) => b.name === 'pods')!.rules![0]!.mismatch;
    expect(reasonFor({ ...getPods(sa, 'dev'), apiGroup: 'apps' })).toBe('apiGroup');
    expect(reasonFor({ ...getPods(sa, 'dev'), subresource: 'log' })).toBe('resource');
    expect(rbac.explain(getPods(sa, 'dev')).allowedBy?.binding.name).toBe('pods');
  });
});

describe('RBACAuthorizer.rulesFor (SelfSubjectRulesReview)', () => {
  const rbac = authorizer({
    clusterRoles: [
      clusterRole('discovery', [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }]),
      clusterRole('mixed', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/healthz'] }]),
      clusterRole('names', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['s1'] }]),
    ],
    roles: [role('dev', 'pod-reader', [podReader])],
    clusterRoleBindings: [
      clusterRoleBinding('discovery', 'discovery', [groupSubject('system:authenticated')]),
      clusterRoleBinding('broken', 'gone', [userSubject('bob')]),
    ],
    roleBindings: [
      roleBinding('dev', 'read', roleRef('Role', 'pod-reader'), [userSubject('bob')]),
      roleBinding('dev', 'mixed', roleRef('ClusterRole', 'mixed'), [userSubject('bob')]),
      roleBinding('prod', 'secret', roleRef('ClusterRole', 'names'), [userSubject('bob')]),
    ],
  });

  it("lists the rules of the namespace's and the cluster's bindings, unmerged", () => {
    const status = subjectRulesReviewStatus(rbac.rulesFor(bob, 'dev'));
    expect(status).toEqual({
      resourceRules: [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
      ],
      nonResourceRules: [
        { verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] },
        { verbs: ['get'], nonResourceURLs: ['/healthz'] },
      ],
      incomplete: false,
      evaluationError: 'clusterrole.rbac.authorization.k8s.io "gone" not found',
    });
  });

  it('keeps resourceNames and leaves other namespaces out', () => {
    const status = subjectRulesReviewStatus(rbac.rulesFor(bob, 'prod'));
    expect(status.resourceRules).toEqual([{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['s1'] }]);
    expect(status.nonResourceRules).toEqual([{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }]);
  });
});

describe('RBACAuthorizer speed', () => {
  it('answers 5,000 reviews well within a second against a bootstrap-sized policy', () => {
    const clusterRoles = Array.from({ length: 70 }, (_, i) =>
      clusterRole(`role-${i}`, [
        { verbs: ['get', 'list', 'watch'], apiGroups: ['', 'apps'], resources: [`things-${i}`, `others-${i}`] },
        { verbs: ['create'], apiGroups: ['batch'], resources: [`jobs-${i}`], resourceNames: ['a', 'b'] },
        { verbs: ['get'], nonResourceURLs: [`/path-${i}/*`] },
      ]),
    );
    const clusterRoleBindings = Array.from({ length: 50 }, (_, i) =>
      clusterRoleBinding(`binding-${i}`, `role-${i}`, [groupSubject(i % 5 === 0 ? 'system:authenticated' : `group-${i}`)]),
    );
    const rbac = authorizer({ clusterRoles, clusterRoleBindings });
    const attrs = { ...getPods(bob, 'dev', 'p'), resource: 'nothing-grants-this' };
    const started = performance.now();
    for (let i = 0; i < 5000; i++) rbac.authorize(attrs);
    // Worst case (a denial scans everything); a generous bound for two shared cores.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// The RBAC authorizer keeps each user's resolved bindings between requests; these tests change
// RBAC objects in a real object store between two decisions and check that the second decision
// sees the change, exactly as an authorizer without the cache decides.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObjectStore, resourceKey } from '../storage/store.js';
import type { Attributes, KubeObject, PolicyRule, RbacSource, Subject, UserInfo } from '../types.js';
import { RBACAuthorizer } from './rbac-authorizer.js';
import { clusterRole, clusterRoleBinding, groupSubject, role, roleBinding, roleRef, serviceAccountSubject, userSubject } from './rbac-objects.js';
import { StoreRbacSource } from './store-rbac-source.js';

const RBAC = 'rbac.authorization.k8s.io';
const CR = resourceKey(RBAC, 'clusterroles');
const CRB = resourceKey(RBAC, 'clusterrolebindings');
const R = resourceKey(RBAC, 'roles');
const RB = resourceKey(RBAC, 'rolebindings');

const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };
const aliceInDevs: UserInfo = { username: 'alice', groups: ['devs', 'system:authenticated'] };
const robot: UserInfo = { username: 'system:serviceaccount:team:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated'] };
const readPods: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
const readNodesProxy: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['nodes/proxy'] };

const getPods = (user: UserInfo, namespace = 'team'): Attributes => ({ user, verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods', namespace, name: 'web' });

function cluster() {
  const store = new ObjectStore();
  const rbac = new RBACAuthorizer(new StoreRbacSource(store));
  const decide = (attrs: Attributes) => rbac.authorize(attrs).decision;
  return { store, rbac, decide };
}

const create = (store: ObjectStore, resource: string, o: object) => store.create(resource, o as KubeObject);
const update = (store: ObjectStore, resource: string, o: object) => store.update(resource, o as KubeObject);

describe('RBAC decisions follow every RBAC change at once', () => {
  it('a ClusterRoleBinding created, then deleted', () => {
    const { store, decide } = cluster();
    create(store, CR, clusterRole('pod-reader', [readPods]));
    expect(decide(getPods(alice))).toBe('noOpinion');
    create(store, CRB, clusterRoleBinding('alice-reads', 'pod-reader', [userSubject('alice')]));
    expect(decide(getPods(alice))).toBe('allow');
    store.delete(CRB, undefined, 'alice-reads');
    expect(decide(getPods(alice))).toBe('noOpinion');
  });

  it('a ClusterRole whose rules are changed under an existing binding', () => {
    const { store, decide } = cluster();
    const cr = create(store, CR, clusterRole('pod-reader', [readPods]));
    create(store, CRB, clusterRoleBinding('alice-reads', 'pod-reader', [userSubject('alice')]));
    expect(decide(getPods(alice))).toBe('allow');
    update(store, CR, { ...cr, rules: [readNodesProxy] });
    expect(decide(getPods(alice))).toBe('noOpinion');
    expect(decide({ ...getPods(alice), namespace: '', resource: 'nodes', subresource: 'proxy', name: 'n1' })).toBe('allow');
  });

  it('a binding whose subjects are changed', () => {
    const { store, decide } = cluster();
    create(store, CR, clusterRole('pod-reader', [readPods]));
    const crb = create(store, CRB, clusterRoleBinding('readers', 'pod-reader', [userSubject('bob')]));
    expect(decide(getPods(alice))).toBe('noOpinion');
    update(store, CRB, { ...crb, subjects: [groupSubject('devs')] });
    expect(decide(getPods(alice))).toBe('noOpinion');
    expect(decide(getPods(aliceInDevs))).toBe('allow');
  });

  it('a RoleBinding and its Role, in their namespace only', () => {
    const { store, decide } = cluster();
    const r = create(store, R, role('team', 'pod-reader', [readPods]));
    create(store, RB, roleBinding('team', 'robot-reads', roleRef('Role', 'pod-reader'), [serviceAccountSubject('robot')]));
    expect(decide(getPods(robot, 'team'))).toBe('allow');
    expect(decide(getPods(robot, 'other'))).toBe('noOpinion');
    update(store, R, { ...r, rules: [] });
    expect(decide(getPods(robot, 'team'))).toBe('noOpinion');
    update(store, R, { ...r, rules: [readPods] });
    expect(decide(getPods(robot, 'team'))).toBe('allow');
    store.delete(RB, 'team', 'robot-reads');
    expect(decide(getPods(robot, 'team'))).toBe('noOpinion');
  });

  it('a binding to a role that does not exist yet, then does', () => {
    const { store, rbac } = cluster();
    create(store, CRB, clusterRoleBinding('alice-reads', 'pod-reader', [userSubject('alice')]));
    expect(rbac.authorize(getPods(alice))).toEqual({ decision: 'noOpinion', reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "pod-reader" not found' });
    create(store, CR, clusterRole('pod-reader', [readPods]));
    expect(rbac.authorize(getPods(alice))).toEqual({ decision: 'allow', reason: 'RBAC: allowed by ClusterRoleBinding "alice-reads" of ClusterRole "pod-reader" to User "alice"' });
  });

  it('the store restored to a snapshot taken before a grant', () => {
    const { store, decide } = cluster();
    create(store, CR, clusterRole('pod-reader', [readPods]));
    const before = store.snapshot();
    create(store, CRB, clusterRoleBinding('alice-reads', 'pod-reader', [userSubject('alice')]));
    expect(decide(getPods(alice))).toBe('allow');
    store.restore(before);
    expect(decide(getPods(alice))).toBe('noOpinion');
  });

  it('SelfSubjectRulesReview rules, too', () => {
    const { store, rbac } = cluster();
    create(store, CR, clusterRole('pod-reader', [readPods]));
    expect(rbac.rulesFor(alice, 'team').resourceRules).toEqual([]);
    create(store, CRB, clusterRoleBinding('alice-reads', 'pod-reader', [userSubject('alice')]));
    expect(rbac.rulesFor(alice, 'team').resourceRules).toEqual([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
  });
});

describe('the cached RBAC authorizer decides as the uncached one', () => {
  const users: UserInfo[] = [alice, aliceInDevs, robot, { username: 'bob', groups: ['devs'] }];
  const subjects: Subject[] = [userSubject('alice'), userSubject('bob'), groupSubject('devs'), serviceAccountSubject('robot', 'team'), serviceAccountSubject('robot')];
  const rules: PolicyRule[] = [readPods, readNodesProxy, { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }];
  const namespaces = ['team', 'other'];
  const roleNames = ['r1', 'r2'];
  const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);

  type Op =
    | { op: 'upsert-role'; cluster: boolean; namespace: string; name: string; rules: PolicyRule[] }
    | { op: 'upsert-binding'; cluster: boolean; namespace: string; name: string; roleKind: 'Role' | 'ClusterRole'; role: string; subjects: Subject[] }
    | { op: 'delete'; resource: 'role' | 'binding'; cluster: boolean; namespace: string; name: string };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('upsert-role' as const), cluster: fc.boolean(), namespace: pick(namespaces), name: pick(roleNames), rules: fc.subarray(rules) }),
    fc.record({ op: fc.constant('upsert-binding' as const), cluster: fc.boolean(), namespace: pick(namespaces), name: pick(['b1', 'b2']), roleKind: pick(['Role', 'ClusterRole'] as const), role: pick(roleNames), subjects: fc.subarray(subjects) }),
    fc.record({ op: fc.constant('delete' as const), resource: pick(['role', 'binding'] as const), cluster: fc.boolean(), namespace: pick(namespaces), name: pick([...roleNames, 'b1', 'b2']) }),
  );

  function apply(store: ObjectStore, o: Op): void {
    const ns = o.cluster ? undefined : o.namespace;
    if (o.op === 'delete') {
      store.delete(o.resource === 'role' ? (o.cluster ? CR : R) : o.cluster ? CRB : RB, ns, o.name);
      return;
    }
    const resource = o.op === 'upsert-role' ? (o.cluster ? CR : R) : o.cluster ? CRB : RB;
    const object =
      o.op === 'upsert-role'
        ? o.cluster ? clusterRole(o.name, o.rules) : role(o.namespace, o.name, o.rules)
        : o.cluster ? clusterRoleBinding(o.name, o.role, o.subjects) : roleBinding(o.namespace, o.name, roleRef(o.roleKind, o.role), o.subjects);
    const existing = store.get(resource, ns, o.name);
    if (existing) store.update(resource, { ...object, metadata: existing.metadata } as KubeObject);
    else store.create(resource, object as KubeObject);
  }

  it('after every step of random RBAC changes, for every user, namespace and request', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        const store = new ObjectStore();
        const source = new StoreRbacSource(store);
        const cached = new RBACAuthorizer(source);
        // The same store without a state stamp: nothing kept, every decision resolved afresh.
        const plain: RbacSource = {
          listClusterRoleBindings: () => source.listClusterRoleBindings(),
          listRoleBindings: (ns) => source.listRoleBindings(ns),
          getClusterRole: (name) => source.getClusterRole(name),
          getRole: (ns, name) => source.getRole(ns, name),
        };
        const uncached = new RBACAuthorizer(plain);
        for (const o of ops) {
          apply(store, o);
          for (const user of users) {
            for (const namespace of namespaces) {
              for (const attrs of [getPods(user, namespace), { ...getPods(user, namespace), name: 'db' }, { ...getPods(user, ''), resource: 'nodes', subresource: 'proxy', name: 'n1' }]) {
                expect(cached.authorize(attrs)).toEqual(uncached.authorize(attrs));
              }
              expect(cached.rulesFor(user, namespace)).toEqual(uncached.rulesFor(user, namespace));
            }
          }
        }
      }),
      { numRuns: 60, seed: 20261129 },
    );
  });
});

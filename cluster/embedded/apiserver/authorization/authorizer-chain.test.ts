import { describe, expect, it } from 'vitest';
import type { Attributes, UserInfo } from '../types.js';
import { KubeApiserverAuthorizer } from './authorizer-chain.js';
import { MemoryRbacSource } from './memory-rbac-source.js';
import { clusterRole, clusterRoleBinding, groupSubject, userSubject } from './rbac-objects.js';
import { subjectRulesReviewStatus } from './subject-rules.js';
import { UnionAuthorizer } from './union.js';

const source = new MemoryRbacSource({
  clusterRoles: [clusterRole('basic', [{ verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'] }])],
  clusterRoleBindings: [
    clusterRoleBinding('basic', 'basic', [groupSubject('system:authenticated')]),
    clusterRoleBinding('broken', 'ghost', [userSubject('carol'), userSubject('system:node:n1')]),
  ],
});
const gated = new KubeApiserverAuthorizer(source, { authorizeNodeWithSelectors: true });
const ungated = new KubeApiserverAuthorizer(source, { authorizeNodeWithSelectors: false });

const admin: UserInfo = { username: 'kubernetes-super-admin', groups: ['system:masters', 'system:authenticated'] };
const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };
const carol: UserInfo = { username: 'carol', groups: ['system:authenticated'] };
const node1: UserInfo = { username: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };

function nodes(user: UserInfo, verb: string, name = '', subresource = ''): Attributes {
  return { user, verb, resourceRequest: true, apiGroup: '', resource: 'nodes', subresource, name, namespace: '' };
}

describe('kube-apiserver authorizer chain (Node,RBAC behind system:masters)', () => {
  it('allows system:masters members anything, with an empty reason and without any binding', () => {
    expect(gated.authorize(nodes(admin, 'delete', 'n1'))).toEqual({ decision: 'allow', reason: '' });
  });

  it('lets RBAC allow, with RBAC\'s reason', () => {
    const review: Attributes = {
      user: alice, verb: 'create', resourceRequest: true, apiGroup: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews',
    };
    expect(gated.authorize(review).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "basic" of ClusterRole "basic" to Group "system:authenticated"',
    );
  });

  it("gives a denied ordinary user RBAC's reason alone: the Node authorizer stays silent", () => {
    expect(gated.authorize(nodes(alice, 'get', 'n1'))).toEqual({ decision: 'noOpinion', reason: '' });
    expect(gated.authorize(nodes(carol, 'get', 'n1'))).toEqual({
      decision: 'noOpinion',
      reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found',
    });
  });

  it('lets a node read only its own Node when AuthorizeNodeWithSelectors is on (1.33+)', () => {
    expect(gated.authorize(nodes(node1, 'get', 'n1')).decision).toBe('allow');
    expect(gated.authorize(nodes(node1, 'patch', 'n1', 'status')).decision).toBe('allow');
    // Both authorizers explain themselves; the union joins their reasons with a newline.
    expect(gated.authorize(nodes(node1, 'list'))).toEqual({
      decision: 'noOpinion',
      reason:
        "node 'n1' cannot read all nodes, only its own Node object\n" +
        'RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found',
    });
    expect(gated.authorize(nodes(node1, 'get', 'n2')).reason).toMatch(/^node 'n1' cannot read 'n2', only its own Node object\n/);
  });

  it('lets a node read every Node without the gate (1.31)', () => {
    expect(ungated.authorize(nodes(node1, 'list')).decision).toBe('allow');
    expect(ungated.authorize(nodes(node1, 'get', 'n2')).decision).toBe('allow');
    expect(ungated.authorize(nodes(node1, 'delete', 'n2')).decision).toBe('noOpinion');
  });

  it('recognizes nodes by both name prefix and group', () => {
    const nameless: UserInfo = { username: 'system:node:', groups: ['system:nodes'] };
    expect(gated.authorize(nodes(nameless, 'get', 'n1')).reason).toBe('unknown node for user "system:node:"');
    const impostor: UserInfo = { username: 'system:node:n1', groups: [] };
    expect(gated.authorize(nodes(impostor, 'get', 'n1')).decision).toBe('noOpinion');
  });

  it('explains which authorizer decided, with the RBAC trail when RBAC was asked', () => {
    const masters = gated.explain(nodes(admin, 'get'));
    expect(masters.steps.map((s) => s.name)).toEqual(['SystemPrivilegedGroup']);
    expect(masters.rbac).toBeUndefined();
    const denied = gated.explain(nodes(alice, 'get', 'n1'));
    expect(denied.steps.map((s) => [s.name, s.result.decision])).toEqual([
      ['SystemPrivilegedGroup', 'noOpinion'],
      ['Node', 'noOpinion'],
      ['RBAC', 'noOpinion'],
    ]);
    expect(denied.rbac?.bindings.map((b) => b.outcome)).toEqual(['no-rule-matched', 'subject-not-matched']);
  });
});

describe('kube-apiserver rule resolution (SelfSubjectRulesReview)', () => {
  it('reports RBAC rules only; system:masters adds none', () => {
    const status = subjectRulesReviewStatus(gated.rulesFor(admin, 'default'));
    expect(status.resourceRules).toEqual([
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'] },
    ]);
    expect(status.incomplete).toBe(false);
    expect(status.evaluationError).toBeUndefined();
  });

  it('marks a node incomplete and aggregates the errors of every resolver', () => {
    expect(subjectRulesReviewStatus(gated.rulesFor(node1, 'default'))).toMatchObject({
      incomplete: true,
      evaluationError:
        '[node authorizer does not support user rule resolution, clusterrole.rbac.authorization.k8s.io "ghost" not found]',
    });
  });
});

describe('UnionAuthorizer', () => {
  const fixed = (decision: 'allow' | 'deny' | 'noOpinion', reason: string, evaluationError?: string) => ({
    authorize: () => (evaluationError === undefined ? { decision, reason } : { decision, reason, evaluationError }),
  });

  it('returns the first decisive answer as is, ignoring earlier reasons', () => {
    const union = new UnionAuthorizer([
      { name: 'a', authorizer: fixed('noOpinion', 'first') },
      { name: 'b', authorizer: fixed('deny', 'no way') },
      { name: 'c', authorizer: fixed('allow', 'never asked') },
    ]);
    expect(union.authorize(nodes(alice, 'get'))).toEqual({ decision: 'deny', reason: 'no way' });
  });

  it('joins non-empty reasons and aggregates errors when nobody decides', () => {
    const union = new UnionAuthorizer([
      { name: 'a', authorizer: fixed('noOpinion', 'one', 'boom') },
      { name: 'b', authorizer: fixed('noOpinion', '') },
      { name: 'c', authorizer: fixed('noOpinion', 'two', 'bang') },
    ]);
    expect(union.authorize(nodes(alice, 'get'))).toEqual({ decision: 'noOpinion', reason: 'one\ntwo', evaluationError: '[boom, bang]' });
  });
});

import { describe, expect, it } from 'vitest';
import type { Attributes, UserInfo } from '../types.js';
import { forbiddenError } from './forbidden-message.js';

const sa: UserInfo = { username: 'system:serviceaccount:dev:sa1', groups: ['system:authenticated'] };

function resource(overrides: Partial<Attributes>): Attributes {
  return { user: sa, verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods', namespace: '', name: '', ...overrides };
}

describe('403 for an unauthorized request', () => {
  it('names the object, verb, resource, group and namespace', () => {
    const err = forbiddenError(resource({ resource: 'serviceaccounts', namespace: 'dev', name: 'x' }), '');
    expect(err.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'serviceaccounts "x" is forbidden: User "system:serviceaccount:dev:sa1" cannot get resource "serviceaccounts" in API group "" in the namespace "dev"',
      reason: 'Forbidden',
      details: { name: 'x', kind: 'serviceaccounts' },
      code: 403,
    });
  });

  it('qualifies the resource with its group and says "at the cluster scope" without a namespace', () => {
    const err = forbiddenError(resource({ verb: 'list', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' }), '');
    expect(err.message).toBe(
      'clusterroles.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:dev:sa1" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
    );
    expect(err.details?.group).toBe('rbac.authorization.k8s.io');
  });

  it('prints the subresource with the resource, but keeps it out of the details', () => {
    const err = forbiddenError(resource({ resource: 'nodes', subresource: 'proxy', name: 'node01' }), '');
    expect(err.message).toBe(
      'nodes "node01" is forbidden: User "system:serviceaccount:dev:sa1" cannot get resource "nodes/proxy" in API group "" at the cluster scope',
    );
    expect(err.details?.kind).toBe('nodes');
  });

  it("appends the authorizer's reason after a colon", () => {
    const err = forbiddenError(
      resource({ verb: 'create', namespace: 'default' }),
      'RBAC: clusterrole.rbac.authorization.k8s.io "psp-default" not found',
    );
    expect(err.message).toBe(
      'pods is forbidden: User "system:serviceaccount:dev:sa1" cannot create resource "pods" in API group "" in the namespace "default": RBAC: clusterrole.rbac.authorization.k8s.io "psp-default" not found',
    );
  });

  it('words non-resource requests by path, with empty details', () => {
    const err = forbiddenError({ user: { username: 'x', groups: [] }, verb: 'get', resourceRequest: false, path: '/healthz' }, '');
    expect(err.message).toBe('forbidden: User "x" cannot get path "/healthz"');
    expect(err.toStatus().details).toEqual({});
  });

  it('escapes HTML-looking characters in its own text but not in the reason', () => {
    const err = forbiddenError(
      { user: { username: 'a<b>', groups: [] }, verb: 'get', resourceRequest: false, path: '/x&y' },
      'see <here>',
    );
    expect(err.message).toBe('forbidden: User "a&lt;b&gt;" cannot get path "/x&amp;y": see <here>');
  });
});

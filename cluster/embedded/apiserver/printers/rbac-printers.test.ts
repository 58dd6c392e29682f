import { describe, expect, it } from 'vitest';
import type { RoleBinding } from '../types.js';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac-printers.js';
import { clusterRoleBindings, NOW } from './testdata/kind-cluster.js';

const now = NOW;

describe('role bindings', () => {
  it('prints Role/<name> or ClusterRole/<name> and the subjects by kind', () => {
    const rb: RoleBinding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'pod-readers', namespace: 'dev', creationTimestamp: '2026-03-01T10:20:00Z' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [
        { kind: 'ServiceAccount', namespace: 'dev', name: 'builder' },
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' },
        { kind: 'ServiceAccount', name: 'no-namespace' },
        { kind: 'Robot', name: 'ignored' },
      ],
    };
    expect(roleBindingPrinter.printRow(rb, { now }).cells).toEqual(['pod-readers', 'Role/pod-reader', '5m30s', 'jane', '', 'dev/builder, /no-namespace']);
  });

  it('joins several subjects of a kind with ", " and prints service accounts as namespace/name', () => {
    const mixed = clusterRoleBindings.find((b) => b.metadata.name === 'trainee-mixed');
    expect(mixed && clusterRoleBindingPrinter.printRow(mixed, { now }).cells).toEqual([
      'trainee-mixed',
      'ClusterRole/view',
      '25m',
      'alice, bob',
      'devs',
      'dev/builder, kube-system/kindnet',
    ]);
  });

  it('has NAME ROLE AGE and wide USERS GROUPS SERVICEACCOUNTS', () => {
    expect(clusterRoleBindingPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Role', 0],
      ['Age', 0],
      ['Users', 1],
      ['Groups', 1],
      ['ServiceAccounts', 1],
    ]);
    expect(roleBindingPrinter.columns[3]?.description).toBe('Users in the roleBinding');
  });
});

// The source article's audit pipelines (§6 "Audit and Verify"), run with the real jq binary over
// what `kubectl get clusterroles -o json` / `clusterrolebindings -o json` would return on a fresh
// cluster. Expected output on a real kind cluster, derived from the upstream sources this policy
// was built from: only system:kubelet-api-admin names the literal "nodes/proxy" in every release
// (cluster-admin, generic-garbage-collector and namespace-controller reach it through "*" and are
// therefore invisible to this jq), and only kubeadm 1.33.12+/1.36.1 binds that role.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KUBE_VERSIONS, type KubeVersion } from '../../../versions.js';
import { bootstrapPolicy } from './policy.js';
import { settledAggregation } from './aggregation.js';

const ROLES_GRANTING_NODES_PROXY = '.items[] | select(.rules[]?.resources[]? == "nodes/proxy") | .metadata.name';
const ROLE_NAMES_AS_ARRAY = '[.items[] | select(.rules[]?.resources[]? == "nodes/proxy") | .metadata.name]';
const BINDINGS_OF_THOSE_ROLES =
  '.items[] | select(.roleRef.kind == "ClusterRole" and (.roleRef.name | IN($names[]))) | "\\(.metadata.name) -> \\(.roleRef.name)"';

function jq(args: string[], input: unknown): string[] {
  const out = execFileSync('jq', args, { input: JSON.stringify(input), encoding: 'utf8' });
  return out.split('\n').filter((line) => line.length > 0);
}

/** The list documents kubectl receives: roles with their aggregated rules filled in. */
function lists(version: KubeVersion, gates: Record<string, boolean> = {}) {
  const policy = bootstrapPolicy(version, gates);
  const settled = settledAggregation(policy.clusterRoles);
  const clusterRoles = policy.clusterRoles.map((role) =>
    settled.has(role.metadata.name ?? '') ? { ...role, rules: settled.get(role.metadata.name ?? '') } : role,
  );
  return {
    clusterRoles: { kind: 'ClusterRoleList', apiVersion: 'rbac.authorization.k8s.io/v1', items: clusterRoles },
    bindings: { kind: 'ClusterRoleBindingList', apiVersion: 'rbac.authorization.k8s.io/v1', items: policy.clusterRoleBindings },
  };
}

function auditBindings(version: KubeVersion): string[] {
  const { clusterRoles, bindings } = lists(version);
  const names = execFileSync('jq', [ROLE_NAMES_AS_ARRAY], { input: JSON.stringify(clusterRoles), encoding: 'utf8' });
  return jq(['-r', '--argjson', 'names', names, BINDINGS_OF_THOSE_ROLES], bindings);
}

describe.each(KUBE_VERSIONS)('article audit pipelines on a fresh %s cluster', (version) => {
  it('find exactly one ClusterRole naming nodes/proxy', () => {
    expect(jq(['-r', ROLES_GRANTING_NODES_PROXY], lists(version).clusterRoles)).toEqual(['system:kubelet-api-admin']);
  });

  it('cannot see roles that reach nodes/proxy through a wildcard', () => {
    const printed = jq(['-r', ROLES_GRANTING_NODES_PROXY], lists(version).clusterRoles);
    expect(printed).not.toContain('cluster-admin');
    expect(printed).not.toContain('system:controller:generic-garbage-collector');
  });
});

describe('binding audit', () => {
  it('prints nothing on 1.31: no binding references system:kubelet-api-admin', () => {
    expect(auditBindings('1.31')).toEqual([]);
  });

  it.each(['1.33', '1.36'] as const)('prints the kubeadm binding on %s', (version) => {
    expect(auditBindings(version)).toEqual(['kubeadm:apiserver-kubelet-client -> system:kubelet-api-admin']);
  });

  it('still finds the role on 1.33 with the gate off (the coarse rule names nodes/proxy)', () => {
    expect(jq(['-r', ROLES_GRANTING_NODES_PROXY], lists('1.33', { KubeletFineGrainedAuthz: false }).clusterRoles)).toEqual([
      'system:kubelet-api-admin',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { KUBE_VERSIONS } from '../../../versions.js';
import type { ClusterRole, PolicyRule } from '../types.js';
import { settledAggregation } from './aggregation.js';
import { bootstrapPolicy } from './policy.js';

const LABEL = 'kubernetes.io/bootstrapping';
const AUTOUPDATE = 'rbac.authorization.kubernetes.io/autoupdate';

const roleNamed = (roles: readonly ClusterRole[], name: string) => roles.find((r) => r.metadata.name === name);
const resourcesOf = (rules: readonly PolicyRule[] | null | undefined) => (rules ?? []).flatMap((r) => r.resources ?? []);

describe.each(KUBE_VERSIONS)('bootstrap policy of %s is well-formed', (version) => {
  const policy = bootstrapPolicy(version, {});

  it('has no duplicate names per kind and namespace', () => {
    const keys = [
      ...policy.clusterRoles.map((o) => `ClusterRole/${o.metadata.name}`),
      ...policy.clusterRoleBindings.map((o) => `ClusterRoleBinding/${o.metadata.name}`),
      ...policy.roles.map((o) => `Role/${o.metadata.namespace}/${o.metadata.name}`),
      ...policy.roleBindings.map((o) => `RoleBinding/${o.metadata.namespace}/${o.metadata.name}`),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('binds only roles that exist', () => {
    const clusterRoles = new Set(policy.clusterRoles.map((r) => r.metadata.name));
    for (const binding of policy.clusterRoleBindings) {
      expect(binding.roleRef.kind, binding.metadata.name).toBe('ClusterRole');
      expect(clusterRoles.has(binding.roleRef.name), `${binding.metadata.name} -> ${binding.roleRef.name}`).toBe(true);
    }
    const roles = new Set(policy.roles.map((r) => `${r.metadata.namespace}/${r.metadata.name}`));
    for (const binding of policy.roleBindings) {
      const target = `${binding.metadata.namespace}/${binding.roleRef.name}`;
      expect(binding.roleRef.kind === 'Role' ? roles.has(target) : clusterRoles.has(binding.roleRef.name), target).toBe(true);
    }
  });

  it('labels and annotates the system: objects but not what kubeadm and kind add', () => {
    const all = [...policy.clusterRoles, ...policy.clusterRoleBindings, ...policy.roles, ...policy.roleBindings];
    for (const object of all) {
      const name = object.metadata.name ?? '';
      const installer = name.startsWith('kubeadm:') || ['kindnet', 'system:coredns', 'kube-proxy'].includes(name) || name.startsWith('local-path');
      expect(object.metadata.labels?.[LABEL], name).toBe(installer ? undefined : 'rbac-defaults');
      expect(object.metadata.annotations?.[AUTOUPDATE], name).toBe(installer ? undefined : 'true');
    }
  });

  it('binds every controller role to the kube-system ServiceAccount of the same name', () => {
    const controllerBindings = policy.clusterRoleBindings.filter((b) => b.metadata.name?.startsWith('system:controller:'));
    expect(controllerBindings.length).toBe(policy.clusterRoles.filter((r) => r.metadata.name?.startsWith('system:controller:')).length);
    for (const binding of controllerBindings) {
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: binding.metadata.name?.slice('system:controller:'.length), namespace: 'kube-system' },
      ]);
    }
  });

  it('stores admin, edit and view empty with their aggregation selectors', () => {
    for (const [name, selector] of [['admin', 'admin'], ['edit', 'edit'], ['view', 'view']] as const) {
      const role = roleNamed(policy.clusterRoles, name);
      expect(role?.rules).toBeNull();
      expect(role?.aggregationRule?.clusterRoleSelectors).toEqual([
        { matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${selector}`]: 'true' } },
      ]);
    }
  });
});

describe('system:kubelet-api-admin per release', () => {
  const base = [
    { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['nodes'] },
    { verbs: ['proxy'], apiGroups: [''], resources: ['nodes'] },
    { verbs: ['*'], apiGroups: [''], resources: ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'] },
  ];
  const fineGrained = { verbs: ['*'], apiGroups: [''], resources: ['nodes/configz', 'nodes/healthz', 'nodes/pods'] };
  const rulesOf = (version: (typeof KUBE_VERSIONS)[number], gates: Record<string, boolean> = {}) =>
    roleNamed(bootstrapPolicy(version, gates).clusterRoles, 'system:kubelet-api-admin')?.rules;

  it('1.31 grants the coarse subresources only (no nodes/spec since 1.27)', () => {
    expect(rulesOf('1.31')).toEqual(base);
  });

  it('1.33 appends the fine-grained rule because the apiserver gate is on by default', () => {
    expect(rulesOf('1.33')).toEqual([...base, fineGrained]);
  });

  it('1.33 started with KubeletFineGrainedAuthz=false keeps the 1.31 role', () => {
    expect(rulesOf('1.33', { KubeletFineGrainedAuthz: false })).toEqual(base);
  });

  it('1.36 keeps the 1.33 layout: no nodes/checkpoint, no nodes/statusz', () => {
    expect(rulesOf('1.36')).toEqual([...base, fineGrained]);
    for (const version of KUBE_VERSIONS) {
      const resources = resourcesOf(rulesOf(version));
      for (const absent of ['nodes/spec', 'nodes/checkpoint', 'nodes/statusz']) expect(resources).not.toContain(absent);
    }
  });
});

describe('kubeadm:apiserver-kubelet-client', () => {
  const find = (version: (typeof KUBE_VERSIONS)[number]) =>
    bootstrapPolicy(version, {}).clusterRoleBindings.find((b) => b.metadata.name === 'kubeadm:apiserver-kubelet-client');

  it('is absent from 1.31.14, whose kubelet client certificate is in kubeadm:cluster-admins instead', () => {
    expect(find('1.31')).toBeUndefined();
  });

  it.each(['1.33', '1.36'] as const)('binds the apiserver kubelet client user to system:kubelet-api-admin in %s', (version) => {
    const binding = find(version);
    expect(binding?.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:kubelet-api-admin' });
    expect(binding?.subjects).toEqual([{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'kube-apiserver-kubelet-client' }]);
  });
});

describe('roles that follow feature gates and releases', () => {
  const names = (version: (typeof KUBE_VERSIONS)[number], gates: Record<string, boolean> = {}) =>
    bootstrapPolicy(version, gates).clusterRoles.map((r) => r.metadata.name);

  it('adds the ServiceCIDR controller once MultiCIDRServiceAllocator is on (GA in 1.33)', () => {
    expect(names('1.31')).not.toContain('system:controller:service-cidrs-controller');
    expect(names('1.33')).toContain('system:controller:service-cidrs-controller');
    expect(names('1.31', { MultiCIDRServiceAllocator: true })).toContain('system:controller:service-cidrs-controller');
  });

  it('adds the DRA controller and rules where DynamicResourceAllocation is on (GA in 1.34)', () => {
    expect(names('1.33')).not.toContain('system:controller:resource-claim-controller');
    expect(names('1.36')).toContain('system:controller:resource-claim-controller');
    const node = roleNamed(bootstrapPolicy('1.36', {}).clusterRoles, 'system:node');
    expect(resourcesOf(node?.rules)).toContain('resourceslices');
  });

  it('lets system:monitoring read kubelet metrics only from 1.34 on', () => {
    const monitoring = (version: (typeof KUBE_VERSIONS)[number]) =>
      resourcesOf(roleNamed(bootstrapPolicy(version, {}).clusterRoles, 'system:monitoring')?.rules);
    expect(monitoring('1.33')).not.toContain('nodes/metrics');
    expect(monitoring('1.36')).toContain('nodes/metrics');
  });
});

describe('settled aggregation', () => {
  it.each(KUBE_VERSIONS)('nests view in edit in admin for %s', (version) => {
    const settled = settledAggregation(bootstrapPolicy(version, {}).clusterRoles);
    const [admin, edit, view] = ['admin', 'edit', 'view'].map((name) => (settled.get(name) ?? []).map((r) => JSON.stringify(r)));
    expect(view?.length).toBeGreaterThan(0);
    expect(edit).toEqual(expect.arrayContaining(view ?? []));
    expect(admin).toEqual(expect.arrayContaining(edit ?? []));
    const adminResources = resourcesOf((settled.get('admin') ?? []));
    expect(adminResources).toContain('rolebindings');
    expect(resourcesOf(settled.get('edit'))).not.toContain('rolebindings');
    expect(resourcesOf(settled.get('view'))).not.toContain('secrets');
  });
});

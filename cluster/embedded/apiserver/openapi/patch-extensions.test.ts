import { describe, expect, it } from 'vitest';
import { openApiFor } from './documents.js';
import { catalogFor } from '../catalog/catalog.js';

type Properties = Record<string, Record<string, unknown>>;

function schemas(group: string, version: string): Record<string, { properties?: Properties }> {
  const docs = openApiFor(catalogFor('1.33'));
  const key = group ? `apis/${group}/${version}` : `api/${version}`;
  const served = docs.serve(`/openapi/v3/${key}`);
  if (served?.status !== 200) throw new Error(`no document ${key}`);
  return (JSON.parse(served.body.toString('utf8')) as { components: { schemas: Record<string, { properties?: Properties }> } }).components.schemas;
}

describe('strategic-merge-patch extensions in the OpenAPI v3 documents (what kubectl apply diffs with)', () => {
  const core = schemas('', 'v1');
  const prop = (type: string, field: string) => core[`io.k8s.api.core.v1.${type}`]?.properties?.[field];

  it('merges pod containers, volumes and env by name, ports by containerPort', () => {
    expect(prop('PodSpec', 'containers')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' });
    expect(prop('PodSpec', 'volumes')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge,retainKeys' });
    expect(prop('Container', 'env')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' });
    expect(prop('Container', 'ports')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'containerPort', 'x-kubernetes-patch-strategy': 'merge' });
  });

  it('tags metadata finalizers and owner references, and a service account\'s secrets', () => {
    const meta = core['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']?.properties;
    expect(meta?.finalizers).toMatchObject({ 'x-kubernetes-patch-strategy': 'merge' });
    expect(meta?.ownerReferences).toMatchObject({ 'x-kubernetes-patch-merge-key': 'uid', 'x-kubernetes-patch-strategy': 'merge' });
    expect(prop('ServiceAccount', 'secrets')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name' });
  });

  it('leaves untagged lists alone: tolerations, a service account\'s imagePullSecrets, RBAC rules and subjects', () => {
    expect(prop('PodSpec', 'tolerations')).not.toHaveProperty('x-kubernetes-patch-strategy');
    expect(prop('ServiceAccount', 'imagePullSecrets')).not.toHaveProperty('x-kubernetes-patch-strategy');
    const rbac = schemas('rbac.authorization.k8s.io', 'v1');
    expect(rbac['io.k8s.api.rbac.v1.ClusterRole']?.properties?.rules).not.toHaveProperty('x-kubernetes-patch-strategy');
    expect(rbac['io.k8s.api.rbac.v1.RoleBinding']?.properties?.subjects).not.toHaveProperty('x-kubernetes-patch-strategy');
  });
});

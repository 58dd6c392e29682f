import { describe, expect, it } from 'vitest';
import { ApiError } from '../status.js';
import type { KubeObject } from '../types.js';
import { parseIncludeObject, parseTableAccept, toTable, type ToTableOptions } from './table.js';
import { clusterRoles, controlPlaneNode, kubeSystemPods, NOW } from './testdata/kind-cluster.js';

const KUBECTL_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

const listOptions: ToTableOptions = { now: NOW, includeObject: 'Metadata', list: true, resourceVersion: '777' };

describe('toTable', () => {
  it('renders a list as a meta.k8s.io/v1 Table with PartialObjectMetadata rows', () => {
    const table = toTable('nodes', '', [controlPlaneNode], listOptions);
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '777' });
    expect(table.columnDefinitions[0]).toMatchObject({ name: 'Name', type: 'string', format: 'name', priority: 0 });
    expect(table.columnDefinitions[1]).toMatchObject({ name: 'Status', format: '', description: 'The status of the node' });
    expect(table.rows).toEqual([
      {
        cells: ['kind-control-plane', 'Ready', 'control-plane', '25m', 'v1.31.14', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-60-generic', 'containerd://2.2.0'],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: controlPlaneNode.metadata },
      },
    ]);
  });

  it('serializes rows with every column definition field, even an empty format', () => {
    const json = JSON.parse(JSON.stringify(toTable('pods', '', kubeSystemPods.slice(0, 1), listOptions))) as {
      columnDefinitions: object[];
      rows: { cells: unknown[]; object: { metadata: { namespace: string; labels: object } } }[];
    };
    expect(json.columnDefinitions[1]).toEqual({
      name: 'Ready',
      type: 'string',
      format: '',
      description: 'The aggregate readiness state of this pod for accepting traffic.',
      priority: 0,
    });
    // kubectl reads NAMESPACE (-A) and LABELS (--show-labels) from the row object.
    expect(json.rows[0]?.object.metadata.namespace).toBe('kube-system');
    expect(json.rows[0]?.object.metadata.labels).toEqual({ 'k8s-app': 'kube-dns', 'pod-template-hash': '7c65d6cfc9' });
    expect(json.rows[0]?.cells).toHaveLength(9);
  });

  it('speaks meta.k8s.io/v1beta1 to clients that only accept that', () => {
    const table = toTable('nodes', '', [controlPlaneNode], { ...listOptions, version: 'v1beta1' });
    expect(table.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(table.rows?.[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1beta1' });
  });

  it('embeds the whole object for includeObject=Object and nothing for None', () => {
    const bare: KubeObject = { metadata: { name: 'admin', creationTimestamp: '2026-03-01T10:00:01Z' }, rules: [] };
    const whole = toTable('clusterroles', 'rbac.authorization.k8s.io', [bare], {
      ...listOptions,
      includeObject: 'Object',
      objectType: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
    });
    expect(whole.rows?.[0]?.object).toEqual({ ...bare, apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' });
    const none = toTable('clusterroles', 'rbac.authorization.k8s.io', [bare], { ...listOptions, includeObject: 'None' });
    expect(JSON.stringify(none.rows?.[0])).toBe('{"cells":["admin","2026-03-01T10:00:01Z"],"object":null}');
  });

  it('writes creationTimestamp: null into metadata that lacks one, as Go does', () => {
    const table = toTable('configmaps', '', [{ metadata: { name: 'x', namespace: 'default' } }], listOptions);
    expect(table.rows?.[0]?.object).toMatchObject({ metadata: { name: 'x', creationTimestamp: null } });
    expect(table.rows?.[0]?.cells).toEqual(['x', 0, '<unknown>']);
  });

  it('uses the default convertor for kinds without a printer: NAME and CREATED AT (RFC3339)', () => {
    const table = toTable('clusterroles', 'rbac.authorization.k8s.io', clusterRoles, listOptions);
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
    expect(table.rows?.map((r) => r.cells)).toEqual([
      ['admin', '2026-03-01T10:00:01Z'],
      ['cluster-admin', '2026-03-01T10:00:01Z'],
    ]);
    const zero = toTable('roles', 'rbac.authorization.k8s.io', [{ metadata: { name: 'r' } }], listOptions);
    expect(zero.rows?.[0]?.cells).toEqual(['r', '0001-01-01T00:00:00Z']);
  });

  it('leaves rows null for an empty default-convertor list but [] for an empty printer list', () => {
    expect(toTable('roles', 'rbac.authorization.k8s.io', [], listOptions).rows).toBeNull();
    expect(toTable('pods', '', [], listOptions).rows).toEqual([]);
  });

  it('takes a single object\'s own resourceVersion, and a list\'s continue token', () => {
    const single = toTable('nodes', '', [controlPlaneNode], { now: NOW, includeObject: 'Metadata', list: false });
    expect(single.metadata).toEqual({ resourceVersion: '612' });
    const page = toTable('pods', '', kubeSystemPods.slice(0, 2), { ...listOptions, continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ', remainingItemCount: 6 });
    expect(page.metadata).toEqual({ resourceVersion: '777', continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ', remainingItemCount: 6 });
    expect(toTable('pods', '', [], { ...listOptions, resourceVersion: '' }).metadata).toEqual({});
  });

  it('marks rows of finished pods with a Completed condition', () => {
    const done: KubeObject = { metadata: { name: 'job-x' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Succeeded' } };
    const json = JSON.stringify(toTable('pods', '', [done], listOptions).rows?.[0]);
    expect(json).toMatch(/^\{"cells":\[.*\],"conditions":\[\{"type":"Completed","status":"True","reason":"Succeeded",.*\],"object":\{/);
  });
});

describe('parseIncludeObject', () => {
  it('defaults to Metadata and accepts the three policies', () => {
    expect(parseIncludeObject(null)).toBe('Metadata');
    expect(parseIncludeObject('')).toBe('Metadata');
    expect(parseIncludeObject('Object')).toBe('Object');
    expect(parseIncludeObject('None')).toBe('None');
  });

  it('rejects anything else with the apiserver\'s 400', () => {
    try {
      parseIncludeObject('object');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).toStatus()).toMatchObject({ code: 400, reason: 'BadRequest', message: 'unrecognized includeObject value: "object"' });
    }
  });
});

describe('parseTableAccept', () => {
  it.each([
    [KUBECTL_ACCEPT, 'v1'],
    ['application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', 'v1beta1'],
    ['application/json;as=Table;v=v2;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io', 'v1beta1'],
    ['application/json;g=meta.k8s.io;as=Table;v=v1', 'v1'],
    ['application/json;as=Table;v=v1beta1;g=meta.k8s.io;q=0.5, application/json;as=Table;v=v1;g=meta.k8s.io', 'v1'],
    // Concrete types outrank */* before the client's order is considered.
    ['*/*,application/json;as=Table;v=v1;g=meta.k8s.io', 'v1'],
    ['application/json;as=Table;v=v1;g=meta.k8s.io;pretty=1', 'v1'],
  ])('%s asks for a %s Table', (accept, version) => {
    expect(parseTableAccept(accept)).toEqual({ version });
  });

  it.each([
    [undefined],
    ['application/json'],
    ['application/json, */*'],
    ['application/json,application/json;as=Table;v=v1;g=meta.k8s.io'],
    ['application/vnd.kubernetes.protobuf,application/json'],
    ['application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json'],
    ['application/json;as=Table;v=v1'],
    ['application/json;as=Table;g=meta.k8s.io'],
  ])('%s asks for the plain object', (accept) => {
    expect(parseTableAccept(accept)).toBeUndefined();
  });
});

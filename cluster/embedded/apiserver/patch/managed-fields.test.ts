import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.js';
import { decodeManagedFields, describeManager, managerIdentity, recordUpdate } from './managed-fields.js';

const T0 = new Date('2024-05-01T10:00:00.123Z');
const T1 = new Date('2024-05-01T11:00:00Z');

function entries(object: JsonObject): JsonObject[] {
  return ((object.metadata as JsonObject).managedFields ?? []) as JsonObject[];
}

const podOptions = { kind: 'Pod', apiVersion: 'v1', now: T0 };

describe('recordUpdate on create', () => {
  it('owns what kubectl run sets, with "." only on nodes the create added', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'dev', labels: { run: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    };
    const created = recordUpdate(undefined, pod, { ...podOptions, manager: 'kubectl-run' });
    expect(entries(created)).toEqual([
      {
        manager: 'kubectl-run',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2024-05-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:run': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    ]);
    expect(pod.metadata).not.toHaveProperty('managedFields');
  });

  it('records RBAC rules as one atomic leaf and never owns name or namespace', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', namespace: 'dev' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    };
    const created = recordUpdate(undefined, role, {
      kind: 'Role',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      manager: 'kubectl-create',
      now: T0,
    });
    expect(entries(created)[0]!.fieldsV1).toEqual({ 'f:rules': {} });
  });

  it('treats a Deployment selector as atomic and its template structs as already there', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate' },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
      },
    };
    const created = recordUpdate(undefined, deployment, { kind: 'Deployment', apiVersion: 'apps/v1', manager: 'kubectl-create', now: T0 });
    expect(entries(created)[0]!.fieldsV1).toEqual({
      'f:spec': {
        'f:selector': {},
        'f:strategy': { 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': {} } } },
        },
      },
    });
  });

  it('does not track status, which the registry resets', () => {
    const pod = { metadata: { name: 'p' }, spec: { containers: [] }, status: { phase: 'Pending' } };
    const created = recordUpdate(undefined, pod, { ...podOptions, manager: 'm' });
    expect(JSON.stringify(entries(created))).not.toContain('status');
  });
});

describe('recordUpdate on update', () => {
  const live = recordUpdate(
    undefined,
    { metadata: { name: 'cm' }, data: { a: '1' } },
    { kind: 'ConfigMap', apiVersion: 'v1', manager: 'kubectl-create', now: T0 },
  );

  it('adds a second manager for the fields it changes, keeping the first one\'s', () => {
    const labelled = recordUpdate(
      live,
      { ...live, metadata: { ...(live.metadata as JsonObject), labels: { team: 'a' } } },
      { kind: 'ConfigMap', apiVersion: 'v1', manager: 'kubectl-label', now: T1 },
    );
    expect(entries(labelled).map((e) => [e.manager, e.time, e.fieldsV1])).toEqual([
      ['kubectl-create', '2024-05-01T10:00:00Z', { 'f:data': { '.': {}, 'f:a': {} } }],
      ['kubectl-label', '2024-05-01T11:00:00Z', { 'f:metadata': { 'f:labels': { '.': {}, 'f:team': {} } } }],
    ]);
  });

  it('moves ownership of a changed field to the writer and drops removed fields', () => {
    const edited = recordUpdate(live, { ...live, data: { b: '2' } }, { kind: 'ConfigMap', apiVersion: 'v1', manager: 'kubectl-edit', now: T1 });
    // The creator keeps the data map it added ("."), as upstream: only .data.a was removed.
    expect(entries(edited).map((e) => [e.manager, e.fieldsV1])).toEqual([
      ['kubectl-create', { 'f:data': {} }],
      ['kubectl-edit', { 'f:data': { 'f:b': {} } }],
    ]);
  });

  it('leaves entries (and their time) alone when nothing changed', () => {
    const same = recordUpdate(live, structuredClone(live), { kind: 'ConfigMap', apiVersion: 'v1', manager: 'x', now: T1 });
    expect(entries(same)).toEqual(entries(live));
  });

  it('does not start tracking an existing object that has no managed fields', () => {
    const untracked = { metadata: { name: 'cm' }, data: { a: '1' } };
    const updated = recordUpdate(untracked, { ...untracked, data: { a: '2' } }, { kind: 'ConfigMap', apiVersion: 'v1', manager: 'm', now: T1 });
    expect(updated.metadata).not.toHaveProperty('managedFields');
  });

  it('resets managed fields when the request sends [{}] or []', () => {
    for (const reset of [[{}], []]) {
      const sent = { ...live, metadata: { ...(live.metadata as JsonObject), managedFields: reset } };
      const updated = recordUpdate(live, sent, { kind: 'ConfigMap', apiVersion: 'v1', manager: 'm', now: T1 });
      expect(updated.metadata).not.toHaveProperty('managedFields');
    }
  });

  it('drops managed fields instead of failing when a list cannot be keyed', () => {
    const pod = recordUpdate(undefined, { metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }] } }, { ...podOptions, manager: 'm' });
    const broken = { ...pod, spec: { containers: [{ image: 'no-name' }] } };
    expect(recordUpdate(pod, broken, { ...podOptions, manager: 'm' }).metadata).not.toHaveProperty('managedFields');
  });
});

describe('manager identities', () => {
  it('keeps the apiVersion for updaters only, as BuildManagerIdentifier does', () => {
    expect(managerIdentity({ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1' })).toBe('{"manager":"kubectl","operation":"Apply"}');
    expect(managerIdentity({ manager: 'k', operation: 'Update', apiVersion: 'apps/v1' })).toBe(
      '{"manager":"k","operation":"Update","apiVersion":"apps/v1"}',
    );
  });

  it('describes managers the way conflict messages print them', () => {
    expect(describeManager(managerIdentity({ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1' }))).toBe('"kubectl"');
    expect(describeManager(managerIdentity({ manager: 'kubectl-edit', operation: 'Update', apiVersion: 'apps/v1' }))).toBe(
      '"kubectl-edit" using apps/v1',
    );
  });
});

describe('decodeManagedFields', () => {
  it('validates entries as the apiserver does', () => {
    expect(decodeManagedFields([{ manager: 'm', operation: 'Patch', apiVersion: 'v1', fieldsType: 'FieldsV1' }])).toEqual({
      error: 'operation must be `Apply` or `Update`',
    });
    expect(decodeManagedFields([{ manager: 'm', operation: 'Update', apiVersion: 'v1' }])).toEqual({
      error: 'missing fieldsType in managed fields entry 0',
    });
    expect(decodeManagedFields([{ manager: 'm', operation: 'Update', apiVersion: '', fieldsType: 'FieldsV1' }])).toEqual({
      error: 'apiVersion must not be empty',
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.js';
import { recordUpdate } from './managed-fields.js';
import { LAST_APPLIED_ANNOTATION, serverSideApply, type ApplyOptions } from './server-side-apply.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const T0 = new Date('2024-05-01T10:00:00Z');
const T1 = new Date('2024-05-01T11:00:00Z');

const roleOptions: ApplyOptions = { manager: 'kubectl', force: false, kind: 'Role', apiVersion: RBAC, now: T0 };
const stub = { apiVersion: RBAC, kind: 'Role', metadata: { name: 'r', namespace: 'dev' } };

function role(extra: JsonObject = {}, metadata: JsonObject = {}): JsonObject {
  return {
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: 'r', namespace: 'dev', ...metadata },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    ...extra,
  };
}

function applied(live: JsonObject, config: JsonObject, options: Partial<ApplyOptions> = {}): JsonObject {
  const outcome = serverSideApply(live, config, { ...roleOptions, ...options });
  if ('error' in outcome) throw new Error(`unexpected error: ${JSON.stringify(outcome.error)}`);
  return outcome.object;
}

function rejected(live: JsonObject, config: JsonObject, options: Partial<ApplyOptions> = {}) {
  const outcome = serverSideApply(live, config, { ...roleOptions, ...options });
  if (!('error' in outcome)) throw new Error(`expected an error, got ${JSON.stringify(outcome.object)}`);
  return outcome.error;
}

function managed(object: JsonObject): JsonObject[] {
  return ((object.metadata as JsonObject).managedFields ?? []) as JsonObject[];
}

describe('serverSideApply: creating and re-applying', () => {
  it('creates the object and records an Apply entry', () => {
    const object = applied(stub, role({}, { labels: { team: 'a' } }));
    expect(object.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    expect(managed(object)).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: RBAC,
        time: '2024-05-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { 'f:team': {} } }, 'f:rules': {} },
      },
    ]);
  });

  it('removes what the same manager applied before and omits now', () => {
    const first = applied(stub, role({}, { labels: { team: 'a' } }));
    const second = applied(first, role(), { now: T1 });
    expect(second.metadata).not.toHaveProperty('labels');
    expect(managed(second)[0]!.fieldsV1).toEqual({ 'f:rules': {} });
  });

  it('keeps omitted fields another manager owns', () => {
    const first = applied(stub, role({}, { labels: { team: 'a' } }));
    const labelled = recordUpdate(
      first,
      { ...first, metadata: { ...(first.metadata as JsonObject), labels: { team: 'a', env: 'prod' } } },
      { manager: 'kubectl-label', kind: 'Role', apiVersion: RBAC, now: T1 },
    );
    const second = applied(labelled, role(), { now: T1 });
    expect((second.metadata as JsonObject).labels).toEqual({ env: 'prod' });
    expect(managed(second).map((e) => e.manager)).toEqual(['kubectl', 'kubectl-label']);
  });

  it('does not move the time when nothing changes', () => {
    const first = applied(stub, role());
    const again = serverSideApply(first, role(), { ...roleOptions, now: T1 });
    expect(again).toMatchObject({ changed: false });
    expect('object' in again && managed(again.object)[0]!.time).toBe('2024-05-01T10:00:00Z');
  });

  it('merges container lists by name and defaults the protocol key of ports', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'dev' },
      spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    };
    const object = applied({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'dev' } }, pod, {
      kind: 'Pod',
      apiVersion: 'v1',
    });
    expect(managed(object)[0]!.fieldsV1).toEqual({
      'f:spec': {
        'f:containers': {
          'k:{"name":"app"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
          },
        },
      },
    });
  });

  it('removes a container it applied before, keeping one another manager added', () => {
    const podOptions = { kind: 'Pod', apiVersion: 'v1' };
    const live = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
    const config = (names: string[]): JsonObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: names.map((name) => ({ name, image: 'img' })) },
    });
    const first = applied(live, config(['a', 'b']), podOptions);
    const spec = first.spec as JsonObject;
    const withDebug = recordUpdate(
      first,
      { ...first, spec: { ...spec, containers: [...(spec.containers as JsonObject[]), { name: 'debug', image: 'busybox' }] } },
      { manager: 'kubectl-debug', kind: 'Pod', apiVersion: 'v1', now: T1 },
    );
    const second = applied(withDebug, config(['a']), podOptions);
    expect(((second.spec as JsonObject).containers as JsonObject[]).map((c) => c.name)).toEqual(['a', 'debug']);
  });

  it('records finalizers as a set of values', () => {
    const object = applied(stub, role({}, { finalizers: ['x.io/one'] }));
    // Apply owns the items it names, not the list itself (so no ".").
    expect(managed(object)[0]!.fieldsV1).toEqual({ 'f:metadata': { 'f:finalizers': { 'v:"x.io/one"': {} } }, 'f:rules': {} });
  });
});

describe('serverSideApply: conflicts', () => {
  const ownedByOther = applied(stub, role(), { manager: 'other' });
  const newRules = role({ rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] });

  it('refuses to change a field another applier owns', () => {
    expect(rejected(ownedByOther, newRules)).toEqual({
      code: 409,
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "other": .rules',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "other"', field: '.rules' }] },
    });
  });

  it('names an updater with its apiVersion', () => {
    const edited = recordUpdate(undefined, role(), { manager: 'kubectl-edit', kind: 'Role', apiVersion: RBAC, now: T0 });
    expect(rejected(edited, newRules).message).toBe(
      `Apply failed with 1 conflict: conflict with "kubectl-edit" using ${RBAC}: .rules`,
    );
  });

  it('lists several conflicts grouped by manager', () => {
    const a = applied(stub, role({}, { labels: { x: '1' } }), { manager: 'a' });
    const ab = applied(a, role({}, { labels: { x: '1', y: '1' } }), { manager: 'b', force: true });
    const config = role({ rules: [] }, { labels: { x: '2', y: '2' } });
    expect(rejected(ab, config).message).toBe(
      [
        'Apply failed with 5 conflicts: conflicts with "a":',
        '- .rules',
        '- .metadata.labels.x',
        'conflicts with "b":',
        '- .rules',
        '- .metadata.labels.x',
        '- .metadata.labels.y',
      ].join('\n'),
    );
  });

  it('lets a value shared with another applier be applied unchanged', () => {
    const shared = applied(ownedByOther, role());
    expect(managed(shared).map((e) => [e.manager, e.fieldsV1])).toEqual([
      ['kubectl', { 'f:rules': {} }],
      ['other', { 'f:rules': {} }],
    ]);
  });

  it('takes ownership with force', () => {
    const forced = applied(ownedByOther, newRules, { force: true });
    expect(forced.rules).toEqual(newRules.rules);
    expect(managed(forced).map((e) => e.manager)).toEqual(['kubectl']);
  });

  it('gives objects without managed fields to "before-first-apply"', () => {
    const bootstrap = role();
    expect(rejected(bootstrap, newRules).message).toBe(
      `Apply failed with 1 conflict: conflict with "before-first-apply" using ${RBAC}: .rules`,
    );
  });
});

describe('serverSideApply: upgrading from client-side apply (manager "kubectl")', () => {
  const config = role();
  const csa = recordUpdate(
    undefined,
    role({}, { annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify(config) + '\n' } }),
    { manager: 'kubectl-client-side-apply', kind: 'Role', apiVersion: RBAC, now: T0 },
  );
  const changed = role({ rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] });

  it('takes over fields that still match the last-applied configuration', () => {
    const object = applied(csa, changed, { now: T1 });
    expect(object.rules).toEqual(changed.rules);
    const annotation = ((object.metadata as JsonObject).annotations as JsonObject)[LAST_APPLIED_ANNOTATION];
    expect(annotation).toBe(
      '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"r","namespace":"dev"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}]}\n',
    );
  });

  it('lets kubectl-last-applied re-apply the refreshed annotation without conflict', () => {
    const object = applied(csa, changed, { now: T1 });
    const metadata = object.metadata as JsonObject;
    const annotationOnly = {
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'r', namespace: 'dev', annotations: { [LAST_APPLIED_ANNOTATION]: (metadata.annotations as JsonObject)[LAST_APPLIED_ANNOTATION]! } },
    };
    const saved = applied(object, annotationOnly, { manager: 'kubectl-last-applied', now: T1 });
    expect(managed(saved).find((e) => e.manager === 'kubectl-last-applied')?.fieldsV1).toEqual({
      'f:metadata': { 'f:annotations': { [`f:${LAST_APPLIED_ANNOTATION}`]: {} } },
    });
  });

  it('still conflicts on fields changed since the last client-side apply', () => {
    const edited = recordUpdate(
      csa,
      { ...csa, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      { manager: 'kubectl-edit', kind: 'Role', apiVersion: RBAC, now: T0 },
    );
    expect(rejected(edited, changed).message).toBe(`Apply failed with 1 conflict: conflict with "kubectl-edit" using ${RBAC}: .rules`);
  });

  it('gives other managers no such allowance', () => {
    expect(rejected(csa, changed, { manager: 'my-tool' }).message).toBe(
      `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using ${RBAC}: .rules`,
    );
  });
});

describe('serverSideApply: refused configurations', () => {
  it('requires the endpoint apiVersion and kind', () => {
    expect(rejected(stub, { ...role(), apiVersion: 'v1' })).toEqual({
      code: 400,
      reason: 'BadRequest',
      message: 'invalid object type: /v1, Kind=Role',
    });
    expect(rejected(stub, { ...role(), kind: 'ClusterRole' }).message).toBe(`invalid object type: ${RBAC}, Kind=ClusterRole`);
  });

  it('refuses managedFields in the configuration', () => {
    expect(rejected(stub, role({}, { managedFields: [] })).message).toBe('metadata.managedFields must be nil');
  });

  it('refuses lists it cannot key, naming the object', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'dev' },
      spec: { containers: [{ name: 'a' }, { name: 'a' }] },
    };
    expect(rejected({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, pod, { kind: 'Pod', apiVersion: 'v1' })).toEqual({
      code: 500,
      reason: '',
      message: 'failed to create typed patch object (dev/p; /v1, Kind=Pod): .spec.containers: duplicate entries for key [name="a"]',
    });
    const nameless = { ...pod, spec: { containers: [{ image: 'x' }] } };
    expect(rejected({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, nameless, { kind: 'Pod', apiVersion: 'v1' }).message).toBe(
      'failed to create typed patch object (dev/p; /v1, Kind=Pod): .spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
  });

  it('refuses to work on a live object whose lists it cannot key', () => {
    const live = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ image: 'x' }] } };
    const config = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
    expect(rejected(live, config, { kind: 'Pod', apiVersion: 'v1' }).message).toMatch(
      /^failed to create typed live object \(\/p; \/v1, Kind=Pod\): \.spec\.containers: element 0: /,
    );
  });

  it('never modifies its inputs', () => {
    const live = applied(stub, role({}, { labels: { a: '1' } }));
    const config = role();
    const snapshot = JSON.stringify([live, config]);
    applied(live, config, { now: T1 });
    expect(JSON.stringify([live, config])).toBe(snapshot);
  });
});

describe('serverSideApply: properties', () => {
  const name = fc.constantFrom('a', 'b', 'c');
  const container = fc.record(
    { name, image: fc.constantFrom('x', 'y'), ports: fc.array(fc.record({ containerPort: fc.constantFrom(80, 443), protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: ['containerPort'] }), { maxLength: 2 }) },
    { requiredKeys: [] },
  );
  const pod = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Pod'),
    metadata: fc.record(
      { name: fc.constant('p'), labels: fc.dictionary(name, name, { maxKeys: 2 }), finalizers: fc.array(name, { maxLength: 2 }) },
      { requiredKeys: ['name'] },
    ),
    spec: fc.record({ containers: fc.array(container, { maxLength: 3 }), tolerations: fc.array(fc.record({ key: name }), { maxLength: 2 }) }, { requiredKeys: [] }),
  });
  const manager = fc.constantFrom('kubectl', 'other', 'third');
  const podOptions = { kind: 'Pod', apiVersion: 'v1', now: T0 };

  it('any sequence of applies either succeeds or answers with a typed error, and a forced apply always holds its values', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pod, manager, fc.boolean()), { minLength: 1, maxLength: 4 }), (steps) => {
        let live: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
        for (const [config, who, force] of steps) {
          const outcome = serverSideApply(live, config, { ...podOptions, manager: who, force });
          if ('error' in outcome) {
            expect([409, 500]).toContain(outcome.error.code);
            continue;
          }
          live = outcome.object;
          if (force) {
            for (const [key, value] of Object.entries((config.metadata as JsonObject).labels ?? {})) {
              expect(((live.metadata as JsonObject).labels as JsonObject)[key]).toBe(value);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

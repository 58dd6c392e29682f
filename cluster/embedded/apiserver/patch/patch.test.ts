import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, APPLY_PATCH, JSON_PATCH, MERGE_PATCH, PATCH_CONTENT_TYPES, STRATEGIC_MERGE_PATCH, type PatchOptions } from './patch.js';
import type { JsonObject } from './json.js';
import { recordUpdate } from './managed-fields.js';
import type { PatchError, PatchResult } from './patch-error.js';

const NOW = new Date('2024-05-01T10:00:00Z');
const RBAC = 'rbac.authorization.k8s.io/v1';

function liveRole(): Record<string, unknown> {
  return {
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: 'r', namespace: 'dev', labels: { app: 'web', tier: 'db' } },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  };
}

const roleOptions: PatchOptions = { kind: 'Role', now: NOW };

function object(result: PatchResult): Record<string, unknown> {
  if ('error' in result) throw new Error(`unexpected error: ${JSON.stringify(result.error)}`);
  return result.object;
}

function error(result: PatchResult): PatchError {
  if (!('error' in result)) throw new Error(`expected an error, got ${JSON.stringify(result.object)}`);
  return result.error;
}

describe('applyPatch: content types', () => {
  it('answers other types with the 415 kube-apiserver sends', () => {
    expect(error(applyPatch('application/json', liveRole(), '{}', roleOptions))).toEqual({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });

  it('ignores a charset parameter but not case', () => {
    expect(object(applyPatch(`${MERGE_PATCH}; charset=utf-8`, liveRole(), '{}', roleOptions)).kind).toBe('Role');
    expect(error(applyPatch('Application/Merge-Patch+JSON', liveRole(), '{}', roleOptions)).code).toBe(415);
  });

  it('accepts the body as bytes', () => {
    const body = new TextEncoder().encode('{"metadata":{"labels":{"tier":null}}}');
    expect(object(applyPatch(MERGE_PATCH, liveRole(), body, roleOptions)).metadata).toEqual({
      name: 'r',
      namespace: 'dev',
      labels: { app: 'web' },
    });
  });
});

describe('applyPatch: merge patch (kubectl label / annotate / patch --type=merge)', () => {
  it('records the change for the field manager of a tracked object', () => {
    const created = recordUpdate(undefined, liveRole() as JsonObject, { manager: 'kubectl-create', kind: 'Role', apiVersion: RBAC, now: NOW });
    const later = new Date('2024-05-01T11:00:00Z');
    const labelled = object(
      applyPatch(MERGE_PATCH, created, '{"metadata":{"labels":{"env":"prod"}}}', { ...roleOptions, fieldManager: 'kubectl-label', now: later }),
    );
    expect((labelled.metadata as Record<string, unknown>).managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: RBAC,
        time: '2024-05-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {}, 'f:tier': {} } }, 'f:rules': {} },
      },
      {
        manager: 'kubectl-label',
        operation: 'Update',
        apiVersion: RBAC,
        time: '2024-05-01T11:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { 'f:env': {} } } },
      },
    ]);
  });

  it('leaves an object that has no managed fields untracked', () => {
    const labelled = object(applyPatch(MERGE_PATCH, liveRole(), '{"metadata":{"labels":{"env":"prod"}}}', { ...roleOptions, fieldManager: 'kubectl-label' }));
    expect(labelled.metadata).not.toHaveProperty('managedFields');
  });

  it('answers undecodable bodies with 400', () => {
    expect(error(applyPatch(MERGE_PATCH, liveRole(), 'null', roleOptions))).toEqual({
      code: 400,
      reason: 'BadRequest',
      message: 'Invalid JSON Patch',
    });
    expect(error(applyPatch(MERGE_PATCH, liveRole(), '[1]', roleOptions)).message).toBe(
      'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(error(applyPatch(MERGE_PATCH, liveRole(), 'garbage', roleOptions)).message).toBe(
      "error decoding patch: invalid character 'g' looking for beginning of value",
    );
    expect(error(applyPatch(MERGE_PATCH, liveRole(), '', roleOptions)).message).toBe('error decoding patch: unexpected end of JSON input');
  });

  it('turns a deleted metadata into an empty one, as decoding into the Go type does', () => {
    expect(object(applyPatch(MERGE_PATCH, liveRole(), '{"metadata":null}', roleOptions)).metadata).toEqual({});
  });
});

describe('applyPatch: JSON patch (patch --type=json)', () => {
  it('applies operations', () => {
    const body = '[{"op":"replace","path":"/rules/0/verbs","value":["get","list"]},{"op":"remove","path":"/metadata/labels/tier"}]';
    const patched = object(applyPatch(JSON_PATCH, liveRole(), body, roleOptions));
    expect(patched.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
    expect((patched.metadata as Record<string, unknown>).labels).toEqual({ app: 'web' });
  });

  it('answers a failing operation with the bare 422 of the apiserver', () => {
    expect(error(applyPatch(JSON_PATCH, liveRole(), '[{"op":"test","path":"/kind","value":"Pod"}]', roleOptions))).toEqual({
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
      details: {},
      cause: 'testing value /kind failed: test failed',
    });
  });

  it('answers undecodable patches with 400 and oversized ones with 413', () => {
    expect(error(applyPatch(JSON_PATCH, liveRole(), '{"op":"add"}', roleOptions))).toEqual({
      code: 400,
      reason: 'BadRequest',
      message: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    });
    const huge = JSON.stringify(Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Role' })));
    expect(error(applyPatch(JSON_PATCH, liveRole(), huge, roleOptions))).toEqual({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });

  it('keeps the managed fields a patch writes (kubectl\'s client-side to server-side migration)', () => {
    const created = recordUpdate(undefined, liveRole() as JsonObject, { manager: 'kubectl-client-side-apply', kind: 'Role', apiVersion: RBAC, now: NOW });
    const migrated = [{ manager: 'kubectl', operation: 'Apply', apiVersion: RBAC, time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:rules': {} } }];
    const body = JSON.stringify([{ op: 'replace', path: '/metadata/managedFields', value: migrated }]);
    const patched = object(applyPatch(JSON_PATCH, created, body, { ...roleOptions, fieldManager: 'kubectl' }));
    expect((patched.metadata as Record<string, unknown>).managedFields).toEqual(migrated);
  });

  it('refuses a result that is not an object, on field "patch"', () => {
    const result = error(applyPatch(JSON_PATCH, liveRole(), '[{"op":"replace","path":"","value":[1]}]', roleOptions));
    expect(result.code).toBe(422);
    expect(result.reason).toBe('Invalid');
    expect(result.message).toMatch(/^ "" is invalid: patch: Invalid value: "\[1\]": couldn't get version\/kind; json parse error: /);
    expect(result.details?.causes?.[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'patch' });
  });
});

describe('applyPatch: strategic merge patch (kubectl apply, patch, set subject)', () => {
  it('uses the kind\'s patch metadata', () => {
    const patched = object(
      applyPatch(STRATEGIC_MERGE_PATCH, liveRole(), '{"metadata":{"labels":null},"rules":[{"verbs":["*"],"apiGroups":["*"],"resources":["*"]}]}', roleOptions),
    );
    expect(patched.rules).toEqual([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
    expect(patched.metadata).toEqual({ name: 'r', namespace: 'dev' });
  });

  it('answers non-object bodies with 400 without the "error decoding patch" prefix', () => {
    expect(error(applyPatch(STRATEGIC_MERGE_PATCH, liveRole(), '[]', roleOptions)).message).toBe(
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  });

  it('changes nothing for a null body', () => {
    expect(object(applyPatch(STRATEGIC_MERGE_PATCH, liveRole(), 'null', roleOptions))).toEqual(liveRole());
  });
});

describe('applyPatch: server-side apply', () => {
  const applyOptions: PatchOptions = { ...roleOptions, fieldManager: 'kubectl', force: false };

  it('accepts YAML and JSON bodies', () => {
    // The live role has no managed fields, so it all belongs to "before-first-apply": force.
    const forced = { ...applyOptions, force: true };
    const yaml = `apiVersion: ${RBAC}\nkind: Role\nmetadata:\n  name: r\n  namespace: dev\nrules:\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["get"]\n`;
    const fromYaml = object(applyPatch(APPLY_PATCH, liveRole(), yaml, forced));
    const fromJson = object(
      applyPatch(
        APPLY_PATCH,
        liveRole(),
        JSON.stringify({ apiVersion: RBAC, kind: 'Role', metadata: { name: 'r', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] }),
        forced,
      ),
    );
    expect(fromYaml).toEqual(fromJson);
    expect(fromYaml.rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]);
  });

  it('requires a field manager, with the PatchOptions validation error', () => {
    expect(error(applyPatch(APPLY_PATCH, liveRole(), '{}', roleOptions))).toEqual({
      code: 422,
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }],
      },
    });
  });

  it('answers undecodable YAML with 400', () => {
    expect(error(applyPatch(APPLY_PATCH, liveRole(), '- a\n- b', applyOptions)).message).toBe(
      'error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(error(applyPatch(APPLY_PATCH, liveRole(), 'a: [', applyOptions)).message).toMatch(
      /^error decoding YAML: error converting YAML to JSON: yaml: /,
    );
  });

  it('treats an empty body as an empty object, which names no type', () => {
    expect(error(applyPatch(APPLY_PATCH, liveRole(), '', applyOptions)).message).toBe('invalid object type: /, Kind=');
  });
});

describe('applyPatch: properties', () => {
  const kinds = ['Role', 'ClusterRoleBinding', 'ServiceAccount', 'Pod', 'Deployment', 'Node', 'Lease'];
  const pointer = fc.array(fc.oneof(fc.constantFrom('metadata', 'labels', 'rules', '0', '-', '1', 'spec', '~0', '~1'), fc.string()), {
    maxLength: 4,
  }).map((parts) => parts.map((p) => `/${p}`).join(''));
  const operation = fc.record(
    { op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'other'), path: pointer, from: pointer, value: fc.jsonValue({ maxDepth: 2 }) },
    { requiredKeys: [] },
  );
  const directiveKey = fc.constantFrom('$patch', '$retainKeys', '$setElementOrder/rules', '$deleteFromPrimitiveList/finalizers', 'rules', 'metadata', 'subjects', 'spec');
  const smpLike = fc.dictionary(directiveKey, fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('delete', 'replace', 'merge')), { maxKeys: 4 });
  const body = fc.oneof(
    fc.string(),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.array(operation, { maxLength: 5 }).map((ops) => JSON.stringify(ops)),
    fc.record({ metadata: smpLike, rules: fc.jsonValue({ maxDepth: 2 }), spec: smpLike }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.record({ apiVersion: fc.constantFrom(RBAC, 'v1'), kind: fc.constantFrom(...kinds), metadata: smpLike, spec: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  );
  const live = fc.record({
    apiVersion: fc.constantFrom(RBAC, 'v1', 'apps/v1'),
    kind: fc.constantFrom(...kinds),
    metadata: fc.record(
      { name: fc.string(), labels: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), finalizers: fc.array(fc.string(), { maxLength: 3 }) },
      { requiredKeys: ['name'] },
    ),
    rules: fc.jsonValue({ maxDepth: 2 }),
    spec: fc.jsonValue({ maxDepth: 4 }),
  });

  it('never throws, never touches the live object, and answers an object with metadata or a typed error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATCH_CONTENT_TYPES, 'text/plain'),
        live,
        body,
        fc.constantFrom(...kinds),
        fc.option(fc.constantFrom('kubectl', 'kubectl-patch', 'other'), { nil: undefined }),
        fc.boolean(),
        (type, current, text, kind, fieldManager, force) => {
          const snapshot = JSON.stringify(current);
          const result = applyPatch(type, current, text, { kind, fieldManager, force, now: NOW });
          expect(JSON.stringify(current)).toBe(snapshot);
          if ('error' in result) {
            expect([400, 409, 413, 415, 422, 500]).toContain(result.error.code);
            expect(typeof result.error.message).toBe('string');
            expect(typeof result.error.reason).toBe('string');
          } else {
            expect(typeof result.object.metadata).toBe('object');
            expect(result.object.metadata).not.toBeNull();
            expect(Array.isArray(result.object.metadata)).toBe(false);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('an apply of what is already there changes nothing but ownership', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string(), { maxKeys: 4 }), (labels) => {
        const config = { apiVersion: RBAC, kind: 'Role', metadata: { name: 'r', namespace: 'dev', labels }, rules: [] };
        const first = object(applyPatch(APPLY_PATCH, { apiVersion: RBAC, kind: 'Role', metadata: { name: 'r' } }, JSON.stringify(config), { kind: 'Role', fieldManager: 'a', now: NOW }));
        const second = object(applyPatch(APPLY_PATCH, first, JSON.stringify(config), { kind: 'Role', fieldManager: 'b', now: NOW }));
        const { managedFields: _a, ...firstMeta } = first.metadata as Record<string, unknown>;
        const { managedFields: _b, ...secondMeta } = second.metadata as Record<string, unknown>;
        expect(secondMeta).toEqual(firstMeta);
        expect(second.rules).toEqual(first.rules);
      }),
      { numRuns: 100 },
    );
  });
});

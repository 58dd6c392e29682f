import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.js';
import { kindMeta, type KindMeta } from './patch-meta.js';
import { strategicMergePatch } from './strategic-merge-patch.js';

/** Shaped like upstream's test type MergeItem, whose cases these are modelled on. */
const mergeItem: KindMeta = {
  fields: {
    mergingList: { strategy: 'merge', mergeKey: 'name' },
    'mergingList.mergingList': { strategy: 'merge', mergeKey: 'name' },
    'mergingList.mergingIntList': { strategy: 'merge' },
    mergingIntList: { strategy: 'merge' },
    simpleMap: { map: true },
    replacingItem: { strategy: 'replace' },
    retainKeysMap: { strategy: 'retainKeys' },
    'retainKeysMap.mergingList': { strategy: 'merge', mergeKey: 'name' },
    retainKeysMergingList: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  presentWhenEmpty: [],
  resetFields: [],
};

// Test literals mix item shapes, which TypeScript does not see as JSON; the engine takes JSON.
function apply(original: object, patch: object | null, kind: KindMeta = mergeItem): JsonObject {
  const outcome = strategicMergePatch(original as JsonObject, patch as JsonObject | null, kind);
  if ('error' in outcome) throw new Error(`unexpected error: ${JSON.stringify(outcome.error)}`);
  return outcome.value;
}

function error(original: object, patch: object, kind: KindMeta = mergeItem) {
  const outcome = strategicMergePatch(original as JsonObject, patch as JsonObject, kind);
  if (!('error' in outcome)) throw new Error(`expected an error, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

describe('strategicMergePatch: maps and scalars', () => {
  it('merges maps key by key and deletes keys set to null', () => {
    expect(apply({ simpleMap: { key1: 1, key2: 1, other: 'a' } }, { simpleMap: { key2: null } })).toEqual({
      simpleMap: { key1: 1, other: 'a' },
    });
    expect(apply({ name: 1, value: 1, other: 'a' }, { name: null, value: null })).toEqual({ other: 'a' });
  });

  it('ignores nulls for keys the object does not have', () => {
    expect(apply({ name: 'a', other: 'a' }, { name: 1, value: 1, other: null })).toEqual({ name: 1, value: 1 });
  });

  it('a null patch changes nothing', () => {
    expect(apply({ name: 1 }, null)).toEqual({ name: 1 });
  });

  it('$patch: delete in a map leaves an empty map', () => {
    expect(apply({ simpleMap: { key1: 1, key2: 1 } }, { simpleMap: { $patch: 'delete' } })).toEqual({ simpleMap: {} });
  });

  it('$patch: replace in a map takes the patch as the whole map', () => {
    expect(apply({ name: 1, value: 1 }, { $patch: 'replace' })).toEqual({});
    expect(apply({ name: 1, value: 1 }, { other: 'a', $patch: 'replace' })).toEqual({ other: 'a' });
  });

  it('$patch: merge in a map is an unknown patch type (500, as upstream)', () => {
    expect(error({ simpleMap: { a: 1 } }, { simpleMap: { $patch: 'merge', b: 2 } })).toEqual({
      code: 500,
      reason: '',
      message: 'unknown patch type: merge in map: map[$patch:merge b:2]',
    });
  });

  it('a field tagged "replace" is replaced even when both sides are maps', () => {
    expect(apply({ replacingItem: { a: 1, b: 2 } }, { replacingItem: { c: 3 } })).toEqual({ replacingItem: { c: 3 } });
  });

  it('drops nulls and $patch maps from values the live object lacks', () => {
    expect(apply({}, { simpleMap: { a: null, b: 1 }, mergingList: [{ name: 'x', $patch: 'delete' }, { name: 'y' }] })).toEqual({
      simpleMap: { b: 1 },
      mergingList: [{ name: 'y' }],
    });
    expect(apply({ name: 'scalar' }, { name: { nested: null, kept: 1 } })).toEqual({ name: { kept: 1 } });
  });

  it('treats "__proto__" in a patch as a plain key', () => {
    const patch = JSON.parse('{"simpleMap": {"__proto__": "x"}}') as JsonObject;
    const result = apply({ simpleMap: {} }, patch);
    expect(Object.keys(result.simpleMap as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('strategicMergePatch: lists without a strategy are replaced', () => {
  it('replaces lists of scalars and of maps', () => {
    expect(apply({ nonMergingIntList: [1, 2] }, { nonMergingIntList: [2, 3] })).toEqual({ nonMergingIntList: [2, 3] });
    expect(apply({ nonMergingList: [{ name: 1 }] }, { nonMergingList: [{ name: 2 }] })).toEqual({ nonMergingList: [{ name: 2 }] });
  });
});

describe('strategicMergePatch: merged lists of maps', () => {
  it('merges items by key and keeps server-only fields', () => {
    const original = { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }] };
    expect(apply(original, { mergingList: [{ name: 1, value: 1 }] })).toEqual({
      mergingList: [
        { name: 1, other: 'a', value: 1 },
        { name: 2, value: 2, other: 'b' },
      ],
    });
  });

  it('orders new items by $setElementOrder', () => {
    const original = { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }] };
    const patch = {
      '$setElementOrder/mergingList': [{ name: 4 }, { name: 1 }, { name: 2 }, { name: 3 }],
      mergingList: [
        { name: 4, value: 4 },
        { name: 3, value: 3 },
      ],
    };
    expect(apply(original, patch)).toEqual({
      mergingList: [{ name: 4, value: 4 }, { name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }, { name: 3, value: 3 }],
    });
  });

  it('keeps the patch order, with server-only items where the live list had them', () => {
    const original = { mergingList: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] };
    expect(apply(original, { mergingList: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }, { name: 2, other: 'x' }] })).toEqual({
      mergingList: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }, { name: 2, value: 'b', other: 'x' }],
    });
    expect(apply(original, { mergingList: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }] })).toEqual({
      mergingList: [{ name: 2, value: 'b' }, { name: 3, value: 'c' }, { name: 1, value: 'a' }],
    });
  });

  it('deletes items with $patch: delete, every duplicate of them included', () => {
    const original = { mergingList: [{ name: 1 }, { name: 1 }, { name: 2, value: 'a' }, { name: 3 }, { name: 3 }] };
    expect(apply(original, { mergingList: [{ name: 1, $patch: 'delete' }, { name: 3, $patch: 'delete' }] })).toEqual({
      mergingList: [{ name: 2, value: 'a' }],
    });
  });

  it('$patch: replace as a list item replaces the list with the other items', () => {
    expect(apply({ mergingList: [{ name: 1 }, { name: 2 }] }, { mergingList: [{ $patch: 'replace' }] })).toEqual({ mergingList: [] });
    expect(apply({ mergingList: [{ name: 1 }] }, { mergingList: [{ name: 5 }, { $patch: 'replace' }] })).toEqual({
      mergingList: [{ name: 5 }],
    });
  });

  it('$patch: merge as a list item is refused (500, as upstream)', () => {
    expect(error({ mergingList: [{ name: 1 }] }, { mergingList: [{ $patch: 'merge' }] }).message).toBe(
      'merging lists cannot yet be specified in the patch',
    );
  });

  it('items without the merge key are a 500 naming the key', () => {
    expect(error({ mergingList: [{ name: 1, value: 'a' }] }, { mergingList: [{ value: 'b' }] })).toEqual({
      code: 500,
      reason: '',
      message: 'map: map[value:b] does not contain declared merge key: name',
    });
  });

  it('recurses into merged items with their own strategies', () => {
    const original = { mergingList: [{ name: 1, mergingList: [{ name: 'a', v: 1 }], mergingIntList: [1] }] };
    expect(apply(original, { mergingList: [{ name: 1, mergingList: [{ name: 'b' }], mergingIntList: [2] }] })).toEqual({
      // Without $setElementOrder, items new to the live list come first (see the scalar case).
      mergingList: [{ name: 1, mergingList: [{ name: 'b' }, { name: 'a', v: 1 }], mergingIntList: [2, 1] }],
    });
  });

  it('rejects $setElementOrder lists that contradict the patch order', () => {
    const patch = {
      '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }, { name: 3 }],
      mergingList: [
        { name: 3, value: 3 },
        { name: 1, value: 1 },
      ],
    };
    const e = error({ mergingList: [{ name: 1 }, { name: 3 }, { name: 2 }] }, patch);
    expect(e.code).toBe(500);
    expect(e.message).toBe(
      "the order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]",
    );
  });

  it('ignores $setElementOrder items missing from the list', () => {
    const patch = {
      '$setElementOrder/mergingList': [{ name: 3 }, { name: 2 }, { name: 1 }],
      mergingList: [
        { name: 3, value: 3 },
        { name: 1, value: 1 },
      ],
    };
    expect(apply({ mergingList: [{ name: 1 }, { name: 3 }] }, patch)).toEqual({
      mergingList: [
        { name: 3, value: 3 },
        { name: 1, value: 1 },
      ],
    });
  });
});

describe('strategicMergePatch: merged lists of scalars', () => {
  it('unions and de-duplicates', () => {
    expect(apply({ mergingIntList: [1, 2] }, { mergingIntList: [2, 3] })).toEqual({ mergingIntList: [1, 2, 3] });
  });

  it('keeps the patch order, server-only items where they were', () => {
    expect(apply({ mergingIntList: [1, 2, 3] }, { mergingIntList: [3, 1, 2] })).toEqual({ mergingIntList: [3, 1, 2] });
    expect(apply({ mergingIntList: [1, 2, 3] }, { mergingIntList: [3, 1] })).toEqual({ mergingIntList: [2, 3, 1] });
  });

  it('puts items unknown to the live list before server-only ones without $setElementOrder', () => {
    expect(apply({ mergingIntList: [1, 2] }, { mergingIntList: [3] })).toEqual({ mergingIntList: [3, 1, 2] });
  });

  it('deletes with $deleteFromPrimitiveList, duplicates included', () => {
    const patch = { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] };
    expect(apply({ mergingIntList: [1, 2, 3, 3, 4] }, patch)).toEqual({ mergingIntList: [1, 2, 4] });
  });

  it('adds and deletes in one patch', () => {
    const patch = {
      '$setElementOrder/mergingIntList': [1, 2, 4],
      '$deleteFromPrimitiveList/mergingIntList': [3],
      mergingIntList: [4],
    };
    expect(apply({ mergingIntList: [1, 2, 3] }, patch)).toEqual({ mergingIntList: [1, 2, 4] });
  });

  it('reorders by $setElementOrder alone', () => {
    expect(apply({ mergingIntList: [1, 3] }, { '$setElementOrder/mergingIntList': [3, 2, 1] })).toEqual({ mergingIntList: [3, 1] });
  });

  it('answers malformed directives with 400', () => {
    expect(error({ mergingIntList: [1] }, { $deleteFromPrimitiveList: [1] })).toEqual({
      code: 400,
      reason: 'BadRequest',
      message: 'invalid patch format of primitive list',
    });
    expect(error({ mergingIntList: [1] }, { '$setElementOrderX/mergingIntList': [1] }).message).toBe(
      'invalid patch format of setElementOrder list',
    );
  });

  it('answers lists of lists with a bare 422', () => {
    expect(error({ mergingIntList: [[1]] }, { mergingIntList: [[2]] })).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
      cause: 'lists of lists are not supported',
    });
  });

  it('refuses mixed element types', () => {
    expect(error({ mergingIntList: [1] }, { mergingIntList: ['a'] }).message).toBe('list element types are not identical: [[1] [a]]');
  });
});

describe('strategicMergePatch: $retainKeys', () => {
  it('clears keys not retained and merges the rest', () => {
    const original = { retainKeysMap: { name: 'foo', value: 'a', other: 'b' } };
    expect(apply(original, { retainKeysMap: { $retainKeys: ['name', 'value'], value: 'c' } })).toEqual({
      retainKeysMap: { name: 'foo', value: 'c' },
    });
  });

  it('works on items of a merged list', () => {
    const original = { retainKeysMergingList: [{ name: 'foo', hostPath: { path: '/x' } }] };
    const patch = { retainKeysMergingList: [{ name: 'foo', $retainKeys: ['name', 'emptyDir'], emptyDir: {} }] };
    expect(apply(original, patch)).toEqual({ retainKeysMergingList: [{ name: 'foo', emptyDir: {} }] });
  });

  it('rejects patches setting keys they do not retain', () => {
    expect(error({ retainKeysMap: {} }, { retainKeysMap: { $retainKeys: ['name'], value: 'x' } })).toEqual({
      code: 400,
      reason: 'BadRequest',
      message: 'invalid patch format of retainKeys',
    });
  });
});

describe('strategicMergePatch on lab kinds (what kubectl sends)', () => {
  it('applies the ServiceAccount patch of reference §11.2', () => {
    const live = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'sa1', namespace: 'dev', labels: { a: '1', b: '2' }, finalizers: ['x.io/one', 'x.io/two'] },
      secrets: [{ name: 's1' }, { name: 's2' }],
      imagePullSecrets: [{ name: 'p1' }],
    };
    const patch = JSON.parse(
      '{"$setElementOrder/secrets":[{"name":"s2"},{"name":"s3"}],"secrets":[{"name":"s3"},{"$patch":"delete","name":"s1"}],"imagePullSecrets":[{"name":"p2"}],"metadata":{"$deleteFromPrimitiveList/finalizers":["x.io/one"],"$setElementOrder/finalizers":["x.io/two"],"labels":{"b":null}}}',
    ) as JsonObject;
    expect(apply(live, patch, kindMeta('ServiceAccount'))).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'sa1', namespace: 'dev', labels: { a: '1' }, finalizers: ['x.io/two'] },
      secrets: [{ name: 's2' }, { name: 's3' }],
      imagePullSecrets: [{ name: 'p2' }],
    });
  });

  it('replaces Role rules wholesale and drops labels sent as null (client-side apply)', () => {
    const live = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'dev', labels: { team: 'a' }, annotations: { old: 'x' } },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
    };
    const lastApplied = '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"annotations":{},"name":"pod-reader","namespace":"dev"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}]}\n';
    const patch = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied }, labels: null },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    };
    expect(apply(live, patch, kindMeta('Role'))).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: {
        name: 'pod-reader',
        namespace: 'dev',
        annotations: { old: 'x', 'kubectl.kubernetes.io/last-applied-configuration': lastApplied },
      },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
  });

  it('replaces binding subjects with the full list kubectl set subject sends', () => {
    const live = {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' }],
    };
    const subjects = [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
      { kind: 'ServiceAccount', name: 'sa1', namespace: 'dev' },
    ];
    expect(apply(live, { subjects }, kindMeta('ClusterRoleBinding')).subjects).toEqual(subjects);
  });

  it('merges pod containers by name, their env by name and ports by containerPort', () => {
    const live = {
      spec: {
        containers: [
          { name: 'app', image: 'nginx:1', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] },
          { name: 'sidecar', image: 'busybox' },
        ],
        tolerations: [{ key: 'a', operator: 'Exists' }],
      },
    };
    const patch = {
      spec: {
        containers: [{ name: 'app', image: 'nginx:2', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 443 }] }],
        tolerations: [{ key: 'b', operator: 'Exists' }],
      },
    };
    expect(apply(live, patch, kindMeta('Pod'))).toEqual({
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx:2',
            env: [
              { name: 'B', value: '2' },
              { name: 'A', value: '1' },
            ],
            ports: [{ containerPort: 443 }, { containerPort: 80 }],
          },
          { name: 'sidecar', image: 'busybox' },
        ],
        tolerations: [{ key: 'b', operator: 'Exists' }],
      },
    });
  });

  it('reaches the pod template of a Deployment', () => {
    const deployment = { spec: { template: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }] } } } };
    expect(
      apply(deployment, { spec: { template: { spec: { containers: [{ name: 'b', $patch: 'delete' }] } } } }, kindMeta('Deployment')),
    ).toEqual({ spec: { template: { spec: { containers: [{ name: 'a', image: '1' }] } } } });
  });

  it('replaces node taints, which carry no patch strategy', () => {
    const node = { spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } };
    expect(apply(node, { spec: { taints: [{ key: 'b', effect: 'NoSchedule' }] } }, kindMeta('Node'))).toEqual({
      spec: { taints: [{ key: 'b', effect: 'NoSchedule' }] },
    });
  });

  it('falls back to replacing lists for kinds it does not model, keeping ObjectMeta strategies', () => {
    const lease = { metadata: { finalizers: ['a'] }, spec: { items: [{ name: 'x' }] } };
    expect(apply(lease, { metadata: { finalizers: ['b'] }, spec: { items: [{ name: 'y' }] } }, kindMeta('Lease'))).toEqual({
      metadata: { finalizers: ['b', 'a'] },
      spec: { items: [{ name: 'y' }] },
    });
  });

  it('never modifies its inputs', () => {
    const live = { mergingList: [{ name: 1, v: 1 }], simpleMap: { a: 1 } };
    const patch = { mergingList: [{ name: 1, $patch: 'delete' }], simpleMap: { a: null } };
    const snapshot = JSON.stringify([live, patch]);
    apply(live, patch);
    expect(JSON.stringify([live, patch])).toBe(snapshot);
  });
});

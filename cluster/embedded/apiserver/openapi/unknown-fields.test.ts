import { describe, expect, it } from 'vitest';
import { checksUnknownFields, dropUnknownFields, strictDecodingError } from './unknown-fields.js';

const ROLE = { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role' };

describe('unknown fields as the strict decoder finds them', () => {
  it('drops misspelled fields and names them by path, in document order', () => {
    const { object, unknown } = dropUnknownFields(ROLE, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', lables: { a: 'b' }, managedFields: [{ manager: 'm', fieldsV1: { 'f:rules': {} } }] },
      rules: [{ apiGroups: [''], resources: ['pods'], resourceName: ['x'], verbs: ['get'] }],
      rulez: [],
    });
    expect(unknown).toEqual(['metadata.lables', 'rules[0].resourceName', 'rulez']);
    expect(object).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      // A managed-fields trie is free-form: its keys are field paths, never "unknown".
      metadata: { name: 'r', managedFields: [{ manager: 'm', fieldsV1: { 'f:rules': {} } }] },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    });
    expect(strictDecodingError(unknown)).toBe(
      'strict decoding error: unknown field "metadata.lables", unknown field "rules[0].resourceName", unknown field "rulez"',
    );
  });

  it('leaves kinds alone whose schemas are only a subset of upstream\'s', () => {
    const pod = { group: '', version: 'v1', kind: 'Pod' };
    expect(checksUnknownFields(pod)).toBe(false);
    expect(dropUnknownFields(pod, { spec: { anything: 1 } })).toEqual({ object: { spec: { anything: 1 } }, unknown: [] });
    expect(checksUnknownFields({ group: '', version: 'v1', kind: 'ConfigMap' })).toBe(true);
  });
});

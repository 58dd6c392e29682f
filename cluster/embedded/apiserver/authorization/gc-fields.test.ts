import { describe, expect, it } from 'vitest';
import { isOnlyMutatingGCFields, semanticallyEqual } from './gc-fields.js';

describe('semanticallyEqual', () => {
  it('treats absent, null and empty values alike, as Go decoding does', () => {
    expect(semanticallyEqual({ a: [], b: null, c: '' }, {})).toBe(true);
    expect(semanticallyEqual({ labels: {} }, { labels: undefined })).toBe(true);
    expect(semanticallyEqual({ a: ['x'] }, { a: [] })).toBe(false);
    expect(semanticallyEqual({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false);
  });
});

describe('isOnlyMutatingGCFields', () => {
  const old = { metadata: { name: 'r', resourceVersion: '5' }, rules: [{ verbs: ['get'] }] };

  it('is true when only ownerReferences, finalizers or selfLink change', () => {
    const updated = { ...old, metadata: { ...old.metadata, finalizers: ['x/y'], ownerReferences: [{ uid: '1' }], selfLink: '/z' } };
    expect(isOnlyMutatingGCFields(updated, old)).toBe(true);
  });

  it('is false when anything else changes', () => {
    expect(isOnlyMutatingGCFields({ ...old, rules: [{ verbs: ['list'] }] }, old)).toBe(false);
    expect(isOnlyMutatingGCFields({ ...old, metadata: { ...old.metadata, annotations: { a: 'b' } } }, old)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { mergePatch } from './json-merge-patch.js';
import type { JsonObject } from './json.js';

describe('mergePatch (RFC 7386 as kube-apiserver applies it)', () => {
  // The object-to-object examples of RFC 7386 appendix A.
  it.each<[string, JsonObject, JsonObject, JsonObject]>([
    ['replaces a value', { a: 'b' }, { a: 'c' }, { a: 'c' }],
    ['adds a key', { a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    ['deletes a key with null', { a: 'b' }, { a: null }, {}],
    ['deletes only the named key', { a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    ['replaces an array with a scalar', { a: ['b'] }, { a: 'c' }, { a: 'c' }],
    ['replaces a scalar with an array', { a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    ['merges nested objects and deletes inside them', { a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    ['replaces arrays wholesale', { a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    ['keeps nulls already in the target', { e: null }, { a: 1 }, { e: null, a: 1 }],
    ['drops nulls from a new nested object', {}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%s', (_name, target, patch, expected) => {
    expect(mergePatch(target, patch)).toEqual(expected);
  });

  it('removes a label the way kubectl label app- sends it', () => {
    const live = { metadata: { name: 'x', labels: { app: 'web', tier: 'db' } } };
    expect(mergePatch(live, { metadata: { labels: { app: null } } })).toEqual({ metadata: { name: 'x', labels: { tier: 'db' } } });
  });

  it('adds an annotation to an object without annotations', () => {
    const live = { metadata: { name: 'x' } };
    expect(mergePatch(live, { metadata: { annotations: { note: 'hi' } } })).toEqual({
      metadata: { name: 'x', annotations: { note: 'hi' } },
    });
  });

  it('prunes null items from arrays it adds (library behaviour, not RFC)', () => {
    expect(mergePatch({}, { a: [1, null, { b: null, c: 2 }] })).toEqual({ a: [1, { c: 2 }] });
  });

  it('prunes nulls when replacing a non-object target', () => {
    expect(mergePatch({ a: 'x' }, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
    expect(mergePatch({ a: null }, { a: { b: null } })).toEqual({ a: {} });
  });

  it('keeps nulls when an array replaces an object', () => {
    expect(mergePatch({ a: { b: 1 } }, { a: [null, 1] })).toEqual({ a: [null, 1] });
  });

  it('treats "__proto__" and "constructor" as ordinary keys', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') as JsonObject;
    const result = mergePatch({}, patch);
    expect(Object.keys(result)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never modifies its inputs', () => {
    const target = { a: { b: 1 }, c: [1] };
    const patch = { a: { b: null, d: 2 }, c: null };
    const snapshot = JSON.stringify([target, patch]);
    mergePatch(target, patch);
    expect(JSON.stringify([target, patch])).toBe(snapshot);
  });
});

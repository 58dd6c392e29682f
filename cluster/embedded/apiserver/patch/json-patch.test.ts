import { describe, expect, it } from 'vitest';
import { applyJsonPatch, decodeJsonPatch, type JsonPatchOperation } from './json-patch.js';
import type { JsonValue } from './json.js';

function patch(document: JsonValue, operations: JsonPatchOperation[]): JsonValue {
  const outcome = applyJsonPatch(document, operations);
  if ('failure' in outcome) throw new Error(`unexpected failure: ${outcome.failure}`);
  return outcome.value;
}

function failure(document: JsonValue, operations: JsonPatchOperation[]): string {
  const outcome = applyJsonPatch(document, operations);
  if (!('failure' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.failure;
}

describe('applyJsonPatch: RFC 6902 appendix A', () => {
  it('adds an object member', () => {
    expect(patch({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }])).toEqual({ foo: 'bar', baz: 'qux' });
  });

  it('adds an array element before the index', () => {
    expect(patch({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }])).toEqual({ foo: ['bar', 'qux', 'baz'] });
  });

  it('removes an object member and an array element', () => {
    expect(patch({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }])).toEqual({ foo: 'bar' });
    expect(patch({ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }])).toEqual({ foo: ['bar', 'baz'] });
  });

  it('replaces a value', () => {
    expect(patch({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }])).toEqual({ baz: 'boo', foo: 'bar' });
  });

  it('moves a value and an array element', () => {
    const doc = { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } };
    expect(patch(doc, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }])).toEqual({
      foo: { bar: 'baz' },
      qux: { corge: 'grault', thud: 'fred' },
    });
    expect(patch({ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }])).toEqual({
      foo: ['all', 'cows', 'eat', 'grass'],
    });
  });

  it('tests values, and fails the whole patch on a mismatch', () => {
    const doc = { baz: 'qux', foo: ['a', 2, 'c'] };
    expect(patch(doc, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }])).toEqual(doc);
    expect(failure({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }])).toBe('testing value /baz failed: test failed');
  });

  it('adds a nested member object', () => {
    expect(patch({ foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }])).toEqual({
      foo: 'bar',
      child: { grandchild: {} },
    });
  });

  it('ignores unrecognized members of an operation', () => {
    expect(patch({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }])).toEqual({ foo: 'bar', baz: 'qux' });
  });

  it('fails to add to a nonexistent target', () => {
    expect(failure({ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }])).toBe(
      'add operation does not apply: doc is missing path: "/baz/bat": missing value',
    );
  });

  it('decodes ~1 before ~0, so /~01 addresses the key "~1"', () => {
    expect(patch({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }])).toEqual({ '/': 9, '~1': 10 });
    expect(patch({ 'a/b': 1 }, [{ op: 'replace', path: '/a~1b', value: 2 }])).toEqual({ 'a/b': 2 });
  });

  it('compares strings and numbers as different', () => {
    expect(failure({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }])).toBe('testing value /~01 failed: test failed');
  });

  it('appends an array value as one element with "-"', () => {
    expect(patch({ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }])).toEqual({ foo: ['bar', ['abc', 'def']] });
  });
});

describe('applyJsonPatch: where evanphx/json-patch v4 (and so the apiserver) departs from the RFC', () => {
  it('replace of a missing object key adds it, but a missing parent fails', () => {
    const doc = { metadata: { labels: { a: 'b' } } };
    expect(patch(doc, [{ op: 'replace', path: '/metadata/labels/x', value: 'y' }])).toEqual({
      metadata: { labels: { a: 'b', x: 'y' } },
    });
    expect(failure({ metadata: {} }, [{ op: 'replace', path: '/metadata/labels/x', value: 'y' }])).toBe(
      'replace operation does not apply: doc is missing path: /metadata/labels/x: missing value',
    );
  });

  it('replace of a missing array index fails with "doc is missing key"', () => {
    expect(failure({ a: [1] }, [{ op: 'replace', path: '/a/3', value: 2 }])).toBe(
      'replace operation does not apply: doc is missing key: /a/3: missing value',
    );
  });

  it('removing a missing key names the key', () => {
    expect(failure({ metadata: { labels: {} } }, [{ op: 'remove', path: '/metadata/labels/x' }])).toBe(
      "error in remove for path: '/metadata/labels/x': Unable to remove nonexistent key: x: missing value",
    );
  });

  it('accepts negative array indices', () => {
    expect(patch({ a: [1, 2, 3] }, [{ op: 'remove', path: '/a/-1' }])).toEqual({ a: [1, 2] });
    expect(patch({ a: [1, 2] }, [{ op: 'add', path: '/a/-1', value: 9 }])).toEqual({ a: [1, 2, 9] });
    expect(patch({ a: [1, 2] }, [{ op: 'replace', path: '/a/-2', value: 0 }])).toEqual({ a: [0, 2] });
  });

  it('reports bad array indices with strconv text', () => {
    expect(failure({ a: [1] }, [{ op: 'add', path: '/a/x', value: 1 }])).toBe(
      `error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    );
    expect(failure({ a: [1] }, [{ op: 'add', path: '/a/5', value: 1 }])).toBe(
      "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced",
    );
    expect(failure({ a: [1] }, [{ op: 'remove', path: '/a/-' }])).toBe(
      `error in remove for path: '/a/-': strconv.Atoi: parsing "-": invalid syntax`,
    );
  });

  it('test of a missing key passes for a null or absent value', () => {
    expect(patch({ a: 1 }, [{ op: 'test', path: '/missing', value: null }])).toEqual({ a: 1 });
    expect(patch({ a: 1 }, [{ op: 'test', path: '/missing' }])).toEqual({ a: 1 });
    expect(failure({ a: 1 }, [{ op: 'test', path: '/missing', value: 1 }])).toBe('testing value /missing failed: test failed');
  });

  it('copy from a missing key writes null', () => {
    expect(patch({ a: 1 }, [{ op: 'copy', from: '/missing', path: '/b' }])).toEqual({ a: 1, b: null });
  });

  it('copies deeply, so later operations do not touch the source', () => {
    expect(
      patch({ a: { x: 1 } }, [
        { op: 'copy', from: '/a', path: '/b' },
        { op: 'replace', path: '/b/x', value: 2 },
      ]),
    ).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  it('moving a missing key fails on the removal', () => {
    expect(failure({ a: 1 }, [{ op: 'move', from: '/nope', path: '/b' }])).toBe(
      "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value",
    );
  });

  it('names unknown and missing operations', () => {
    expect(failure({}, [{ op: 'frobnicate', path: '/a' }])).toBe('Unexpected kind: frobnicate');
    expect(failure({}, [null])).toBe('Unexpected kind: unknown');
    expect(failure({}, [{ op: 'add', value: 1 }])).toBe('add operation failed to decode path: missing value');
    expect(failure({}, [{ op: 'move', path: '/a' }])).toBe(
      'move operation failed to decode from: operation, missing from field: missing value',
    );
  });

  it('replaces the whole document at the empty path, objects and arrays only', () => {
    expect(patch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
    expect(failure({ a: 1 }, [{ op: 'replace', path: '', value: 3 }])).toBe('replace operation value must be object or array: %!w(<nil>)');
  });

  it('stops at the first failing operation, leaving the input alone', () => {
    const doc = { a: 1 };
    const outcome = applyJsonPatch(doc, [
      { op: 'replace', path: '/a', value: 2 },
      { op: 'remove', path: '/gone' },
    ]);
    expect('failure' in outcome).toBe(true);
    expect(doc).toEqual({ a: 1 });
  });

  it('refuses copies beyond the apiserver limit', () => {
    const big = 'x'.repeat(1024 * 1024);
    const ops: JsonPatchOperation[] = [0, 1, 2, 3].map((i) => ({ op: 'copy', from: '/big', path: `/c${i}` }));
    expect(failure({ big }, ops)).toMatch(/^Unable to complete the copy, the accumulated size increase of copy is \d+, exceeding the limit 3145728$/);
  });
});

describe('decodeJsonPatch', () => {
  it('accepts arrays of operation objects (and nulls)', () => {
    expect(decodeJsonPatch([{ op: 'add', path: '/a', value: 1 }, null])).toEqual({
      operations: [{ op: 'add', path: '/a', value: 1 }, null],
    });
  });

  it('reads a null body as no operations', () => {
    expect(decodeJsonPatch(null)).toEqual({ operations: [] });
  });

  it('rejects what the handler cannot unmarshal into []jsonPatchOp', () => {
    expect(decodeJsonPatch({ op: 'add' })).toEqual({
      error: 'json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    });
    expect(decodeJsonPatch([1])).toEqual({ error: 'json: cannot unmarshal number into Go value of type handlers.jsonPatchOp' });
    expect(decodeJsonPatch([{ op: 1 }])).toEqual({
      error: 'json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string',
    });
  });
});

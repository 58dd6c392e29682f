import { describe, expect, it } from 'vitest';
import { goFormat, goString, goTypeName } from './go-format.js';

describe('Go value formatting used in upstream error texts', () => {
  it('prints maps with sorted keys, slices with spaces and nil as <nil>', () => {
    expect(goFormat({ value: 'b', name: 1, list: [1, 'x', null] })).toBe('map[list:[1 x <nil>] name:1 value:b]');
  });

  it('prints integers as int64 and other numbers as %g does', () => {
    expect(goFormat(80)).toBe('80');
    expect(goFormat(1.5)).toBe('1.5');
    expect(goFormat(1234567.5)).toBe('1.2345675e+06');
    expect(goFormat(0.00001)).toBe('1e-05');
  });

  it('names reflect types and %s mistakes', () => {
    expect(goTypeName({})).toBe('map[string]interface {}');
    expect(goTypeName([])).toBe('[]interface {}');
    expect(goTypeName(null)).toBe('%!s(<nil>)');
    expect(goString(5)).toBe('%!s(int64=5)');
    expect(goString('delete')).toBe('delete');
  });
});

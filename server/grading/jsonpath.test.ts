import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, formatJsonPathResults, parseJsonPath } from './jsonpath.js';

const binding = {
  metadata: { name: 'b', labels: { 'app.kubernetes.io/name': 'x' } },
  roleRef: { kind: 'ClusterRole', name: 'kubelet-metrics-reader' },
  subjects: [
    { kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' },
    { kind: 'User', name: 'alice' },
  ],
};

function print(template: string, value: unknown = binding): string {
  const parsed = parseJsonPath(template);
  if (!parsed.ok) throw new Error(parsed.message);
  return formatJsonPathResults(evaluateJsonPath(parsed.segments, value));
}

describe('kubectl-style JSONPath', () => {
  it('prints scalars as text and joins several results with spaces', () => {
    expect(print('{.roleRef.name}')).toBe('kubelet-metrics-reader');
    expect(print('{.subjects[*].name}')).toBe('prometheus alice');
    expect(print('{.subjects[1].kind}')).toBe('User');
    expect(print('{.subjects[-1].name}')).toBe('alice');
  });

  it('filters list items', () => {
    expect(print('{.subjects[?(@.kind=="ServiceAccount")].namespace}')).toBe('monitoring');
    expect(print('{.subjects[?(@.kind!="ServiceAccount")].name}')).toBe('alice');
  });

  it('reads keys with dots through brackets', () => {
    expect(print("{.metadata.labels['app.kubernetes.io/name']}")).toBe('x');
  });

  it('prints maps and lists as JSON with sorted keys, and missing fields as nothing', () => {
    expect(print('{.roleRef}')).toBe('{"kind":"ClusterRole","name":"kubelet-metrics-reader"}');
    expect(print('{.subjects[0]}')).toBe('{"kind":"ServiceAccount","name":"prometheus","namespace":"monitoring"}');
    expect(print('{.nothing.here}')).toBe('');
  });

  it('refuses what it does not support, with a reason', () => {
    expect(parseJsonPath('.roleRef.name')).toEqual({ ok: false, message: 'a JSONPath is written in braces, e.g. {.roleRef.name}' });
    expect(parseJsonPath('{..name}')).toMatchObject({ ok: false, message: expect.stringContaining('recursive descent') });
    expect(parseJsonPath('{.items[1:3]}')).toMatchObject({ ok: false, message: expect.stringContaining('unsupported bracket expression') });
  });
});

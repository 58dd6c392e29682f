import { describe, expect, it } from 'vitest';
import {
  addPath,
  difference,
  emptyFieldSet,
  fieldElement,
  formatPath,
  fromFieldsV1,
  intersection,
  keyElement,
  memberPaths,
  recursiveDifference,
  toFieldsV1,
  union,
  valueElement,
  type FieldPath,
  type FieldSet,
} from './field-set.js';

const f = fieldElement;

function setOf(...paths: FieldPath[]): FieldSet {
  const set = emptyFieldSet();
  for (const path of paths) addPath(set, path);
  return set;
}

function paths(set: FieldSet): string[] {
  return memberPaths(set).map(formatPath);
}

describe('path elements and their string forms', () => {
  it('encodes list-map keys sorted by name, set values as JSON', () => {
    expect(keyElement([['protocol', 'TCP'], ['containerPort', 80]])).toBe('k:{"containerPort":80,"protocol":"TCP"}');
    expect(valueElement('x.io/one')).toBe('v:"x.io/one"');
  });

  it('prints paths as upstream conflict messages do', () => {
    expect(formatPath([f('spec'), f('containers'), keyElement([['name', 'nginx']]), f('image')])).toBe('.spec.containers[name="nginx"].image');
    expect(formatPath([f('metadata'), f('finalizers'), valueElement('a')])).toBe('.metadata.finalizers[="a"]');
    expect(formatPath([f('ports'), keyElement([['containerPort', 80], ['protocol', 'TCP']])])).toBe('.ports[containerPort=80,protocol="TCP"]');
  });
});

describe('set algebra', () => {
  const a = setOf([f('rules')], [f('metadata'), f('labels'), f('a')], [f('metadata'), f('labels'), f('b')]);
  const b = setOf([f('metadata'), f('labels'), f('b')], [f('data')]);

  it('unions, intersects and subtracts exact paths', () => {
    expect(paths(union(a, b)).sort()).toEqual(['.data', '.metadata.labels.a', '.metadata.labels.b', '.rules']);
    expect(paths(intersection(a, b))).toEqual(['.metadata.labels.b']);
    expect(paths(difference(a, b))).toEqual(['.rules', '.metadata.labels.a']);
  });

  it('difference keeps descendants of a removed member; recursive difference drops them', () => {
    const withStatus = setOf([f('status'), f('phase')], [f('spec'), f('x')]);
    const status = setOf([f('status')]);
    expect(paths(difference(withStatus, status))).toEqual(['.spec.x', '.status.phase']);
    expect(paths(recursiveDifference(withStatus, status))).toEqual(['.spec.x']);
  });

  it('lists a level\'s members before descending, in path-element order', () => {
    const set = setOf([f('spec'), f('replicas')], [f('rules')], [f('apiVersion')]);
    expect(paths(set)).toEqual(['.apiVersion', '.rules', '.spec.replicas']);
  });
});

describe('FieldsV1', () => {
  it('writes "." for members with children and {} for leaves', () => {
    const item = [f('spec'), f('containers'), keyElement([['name', 'app']])] as const;
    const set = setOf([...item], [...item, f('image')], [...item, f('name')], [f('metadata'), f('labels'), f('run')]);
    expect(toFieldsV1(set)).toEqual({
      'f:metadata': { 'f:labels': { 'f:run': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
    });
  });

  it('reads back what it writes, canonicalizing key order in k: elements', () => {
    const parsed = fromFieldsV1({ 'f:ports': { 'k:{"protocol":"TCP","containerPort":80}': { '.': {}, 'f:containerPort': {} } } });
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(toFieldsV1(parsed)).toEqual({ 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } });
  });

  it('rejects unknown element prefixes and malformed keys', () => {
    expect(fromFieldsV1({ 'x:nope': {} })).toBe('unrecognized path element key: "x:nope"');
    expect(fromFieldsV1({ 'k:{broken': {} })).toBe('unrecognized path element key: "k:{broken"');
  });
});

import { describe, expect, it } from 'vitest';
import { parseFieldSelector } from './selectors.js';
import { fieldSelectorsFor } from './strategies/index.js';
import type { KubeObject, ResourceDef } from '../types.js';
import { ApiError } from '../status.js';

const def = (group: string, plural: string) => ({ group, plural }) as ResourceDef;
const pod = (name: string, nodeName: string): KubeObject => ({ metadata: { name, namespace: 'dev' }, spec: { nodeName } });

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return `${e.code} ${e.message}`;
  }
  return 'no error';
}

describe('field selectors as each kind\'s field-label conversion accepts them', () => {
  it('matches pods by spec.nodeName, also under its old name spec.host', () => {
    const onA = parseFieldSelector('spec.nodeName=a', fieldSelectorsFor(def('', 'pods')));
    expect([pod('x', 'a'), pod('y', 'b')].filter(onA).map((p) => p.metadata.name)).toEqual(['x']);
    const notOnA = parseFieldSelector('spec.host!=a', fieldSelectorsFor(def('', 'pods')));
    expect([pod('x', 'a'), pod('y', 'b')].filter(notOnA).map((p) => p.metadata.name)).toEqual(['y']);
  });

  it('answers a registered kind\'s unknown label with "field label not supported"', () => {
    expect(errorOf(() => parseFieldSelector('foo=bar', fieldSelectorsFor(def('', 'pods'))))).toBe('400 field label not supported: foo');
    // Node and Namespace conversions do not even accept metadata.namespace.
    expect(errorOf(() => parseFieldSelector('metadata.namespace=x', fieldSelectorsFor(def('', 'nodes'))))).toBe(
      '400 field label not supported: metadata.namespace',
    );
  });

  it('gives every other kind the default conversion\'s message', () => {
    expect(errorOf(() => parseFieldSelector('foo=bar', fieldSelectorsFor(def('rbac.authorization.k8s.io', 'clusterroles'))))).toBe(
      '400 "foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(errorOf(() => parseFieldSelector('spec.x=1', fieldSelectorsFor(def('', 'configmaps'))))).toBe(
      '400 "spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });
});

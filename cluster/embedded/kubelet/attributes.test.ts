import { describe, expect, it } from 'vitest';
import { isSubpath, KUBELET_ATTRIBUTE_RULES, kubeletAuthorizationAttributes, kubeletSubresources, kubeletVerb } from './attributes.js';

const USER = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const subresources = (version: keyof typeof KUBELET_ATTRIBUTE_RULES, path: string, fineGrained: boolean) =>
  kubeletSubresources(path, fineGrained, KUBELET_ATTRIBUTE_RULES[version]);

describe('kubelet authorization attributes', () => {
  it('maps methods to verbs, with an empty verb for HEAD and anything unknown', () => {
    expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'get'].map(kubeletVerb)).toEqual([
      'get', 'create', 'update', 'patch', 'delete', '', '', '',
    ]);
  });

  it('builds resource attributes on nodes/<subresource> named after the node', () => {
    const table = KUBELET_ATTRIBUTE_RULES['1.33'];
    expect(kubeletAuthorizationAttributes('GET', '/pods', { nodeName: 'kind-worker', fineGrained: true, table }, USER)).toEqual(
      ['pods', 'proxy'].map((subresource) => ({
        user: USER,
        verb: 'get',
        resourceRequest: true,
        namespace: '',
        apiGroup: '',
        apiVersion: 'v1',
        resource: 'nodes',
        subresource,
        name: 'kind-worker',
      })),
    );
  });

  it('follows isSubpath: a trailing slash on the rule is optional, a longer name is not a subpath', () => {
    expect(isSubpath('/stats', '/stats/')).toBe(true);
    expect(isSubpath('/stats/summary', '/stats/')).toBe(true);
    expect(isSubpath('/metricsfoo', '/metrics')).toBe(false);
    expect(isSubpath('/runningPods/', '/runningpods/')).toBe(false);
    expect(subresources('1.31', '/metricsfoo', false)).toEqual(['proxy']);
    expect(subresources('1.31', '/logs', false)).toEqual(['log']);
  });

  it('gives 1.31 a single attribute whatever the caller claims about the gate', () => {
    expect(subresources('1.31', '/pods', true)).toEqual(['proxy']);
    expect(subresources('1.31', '/checkpoint/ns/p/c', false)).toEqual(['checkpoint']);
  });

  it('tries the fine-grained subresource first, then exactly one coarse one', () => {
    for (const version of ['1.33', '1.36'] as const) {
      expect(subresources(version, '/runningpods/', true)).toEqual(['pods', 'proxy']);
      expect(subresources(version, '/healthz/syncloop', true)).toEqual(['healthz', 'proxy']);
      expect(subresources(version, '/configz', false)).toEqual(['proxy']);
      expect(subresources(version, '/exec/ns/p/c', true)).toEqual(['proxy']);
      expect(subresources(version, '/stats/summary', true)).toEqual(['stats']);
    }
  });

  it('keeps statusz and flagz behind the gate with a proxy fallback in 1.33, not in 1.36', () => {
    expect(subresources('1.33', '/statusz', true)).toEqual(['statusz', 'proxy']);
    expect(subresources('1.33', '/flagz', true)).toEqual(['configz', 'proxy']);
    expect(subresources('1.33', '/flagz', false)).toEqual(['proxy']);
    expect(subresources('1.36', '/statusz', false)).toEqual(['statusz']);
    expect(subresources('1.36', '/flagz', true)).toEqual(['configz']);
  });

  it('has no spec subresource in any version', () => {
    for (const version of ['1.31', '1.33', '1.36'] as const) expect(subresources(version, '/spec/', true)).toEqual(['proxy']);
  });
});

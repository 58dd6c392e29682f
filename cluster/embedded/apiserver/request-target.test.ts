import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target.js';

function viaUrl(raw: string): { pathname: string; query: [string, string][] } {
  let url: URL;
  try {
    url = new URL(raw, 'https://apiserver.invalid');
  } catch {
    url = new URL('https://apiserver.invalid/');
  }
  return { pathname: url.pathname, query: [...url.searchParams] };
}

const parsed = (raw: string) => {
  const t = parseRequestTarget(raw);
  return { pathname: t.pathname, query: [...t.query] };
};

describe('parseRequestTarget', () => {
  it('gives what new URL gives for the paths kubectl sends', () => {
    for (const raw of [
      '/api/v1/namespaces/default/pods?limit=500',
      '/apis/rbac.authorization.k8s.io/v1/clusterroles?labelSelector=a%3Db&fieldSelector=metadata.name%3Dx',
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      '/api/v1/nodes/n1/proxy/runningpods/',
      '/openapi/v3/apis/apps/v1?hash=ABC',
    ]) {
      expect(parsed(raw)).toEqual(viaUrl(raw));
    }
  });

  it('gives what new URL gives for odd targets: dot segments, "//", encodings, fragments, spaces', () => {
    for (const raw of ['/api/../apis', '/api/%2e%2e/x', '//evil/api', '/a b?c d', '/a?b=1#frag', '*', 'http://h/x?y', '/api/./v1/', '/a?x=%zz&y=+', '/ä?ö=ü', '/a\\b', '/a?b\tc']) {
      expect(parsed(raw), raw).toEqual(viaUrl(raw));
    }
  });

  it('gives what new URL gives for any string', () => {
    const chars = fc.constantFrom(...'/?#.%2eE:@!$&\'()*+,;=~-_ aZ09\\\t"<>{}`^|ä'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }).map((cs) => cs.join('')), fc.boolean(), (s, leadingSlash) => {
        const raw = leadingSlash ? `/${s}` : s;
        expect(parsed(raw)).toEqual(viaUrl(raw));
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});

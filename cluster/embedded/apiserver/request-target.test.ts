import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target.js';
import { goPathUnescape } from '../go-net-http.js';

/** The slow, obviously right reading: URL's path, %-decoded as Go does, and URL's query. */
function viaUrl(raw: string): { pathname: string; query: [string, string][] } | undefined {
  let url: URL;
  try {
    url = new URL(raw, 'https://apiserver.invalid');
  } catch {
    url = new URL('https://apiserver.invalid/');
  }
  const pathname = goPathUnescape(url.pathname);
  return pathname === undefined ? undefined : { pathname, query: [...url.searchParams] };
}

const parsed = (raw: string) => {
  const t = parseRequestTarget(raw);
  return t && { pathname: t.pathname, query: [...t.query] };
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

  it('decodes the path as Go does: %3A is a colon, %2F a slash, a bad escape is refused', () => {
    expect(parsed('/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Akubelet-api-admin')?.pathname).toBe(
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/system:kubelet-api-admin',
    );
    expect(parsed('/api/v1/namespaces/a%2Fb/pods')?.pathname).toBe('/api/v1/namespaces/a/b/pods');
    expect(parsed('/api/v1/pods?fieldSelector=spec.nodeName%3Dx')?.query).toEqual([['fieldSelector', 'spec.nodeName=x']]);
    expect(parseRequestTarget('/api/v1/namespaces/%zz')).toBeUndefined();
    expect(parseRequestTarget('/api/v1/namespaces/50%')).toBeUndefined();
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

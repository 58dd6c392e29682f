import { describe, expect, it } from 'vitest';
import type { Attributes } from '../apiserver/types.js';
import { KUBELET_ATTRIBUTE_RULES, kubeletAuthorizationAttributes } from './attributes.js';
import { kubeletAuthorizationErrorResponse, kubeletForbiddenResponse, kubeletUnauthorizedResponse } from './forbidden.js';

const USER = { username: 'system:serviceaccount:default:mon', groups: ['system:authenticated'] };
const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

function attrs(version: keyof typeof KUBELET_ATTRIBUTE_RULES, method: string, path: string): [Attributes, ...Attributes[]] {
  const list = kubeletAuthorizationAttributes(method, path, { nodeName: 'n', fineGrained: version !== '1.31', table: KUBELET_ATTRIBUTE_RULES[version] }, USER);
  return [list[0]!, ...list.slice(1)];
}

describe('kubelet auth filter responses', () => {
  it('401 is exactly "Unauthorized": no newline, sniffed text/plain, no nosniff', () => {
    expect(kubeletUnauthorizedResponse()).toEqual({ status: 401, headers: TEXT, body: 'Unauthorized' });
  });

  it('1.31 names the single subresource and ends without a newline', () => {
    expect(kubeletForbiddenResponse('1.31', attrs('1.31', 'GET', '/pods'))).toEqual({
      status: 403,
      headers: TEXT,
      body: 'Forbidden (user=system:serviceaccount:default:mon, verb=get, resource=nodes, subresource=proxy)',
    });
  });

  it('1.33 and 1.36 list every subresource tried, Go-%v style, with a trailing newline', () => {
    expect(kubeletForbiddenResponse('1.33', attrs('1.33', 'GET', '/pods')).body).toBe(
      'Forbidden (user=system:serviceaccount:default:mon, verb=get, resource=nodes, subresource(s)=[pods proxy])\n',
    );
    expect(kubeletForbiddenResponse('1.36', attrs('1.36', 'POST', '/checkpoint/ns/p/c')).body).toBe(
      'Forbidden (user=system:serviceaccount:default:mon, verb=create, resource=nodes, subresource(s)=[checkpoint])\n',
    );
  });

  it('prints the empty verb of a HEAD request as nothing', () => {
    expect(kubeletForbiddenResponse('1.36', attrs('1.36', 'HEAD', '/healthz')).body).toBe(
      'Forbidden (user=system:serviceaccount:default:mon, verb=, resource=nodes, subresource(s)=[healthz proxy])\n',
    );
  });

  it('500 names the attribute the authorizer failed on, without a newline', () => {
    const [, proxy] = attrs('1.33', 'GET', '/configz');
    expect(kubeletAuthorizationErrorResponse(proxy!)).toEqual({
      status: 500,
      headers: TEXT,
      body: 'Authorization error (user=system:serviceaccount:default:mon, verb=get, resource=nodes, subresource=proxy)',
    });
  });
});

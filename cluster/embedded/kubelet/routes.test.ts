import { describe, expect, it } from 'vitest';
import { validateFeatureGates } from '../../feature-gates.js';
import type { KubeVersion } from '../../versions.js';
import { kubeletRouteConfig, routeKubeletRequest, type KubeletRoute, type KubeletRouteConfig } from './routes.js';

const SWITCHES_ON = { enableDebuggingHandlers: true, enableSystemLogHandler: true, enableProfilingHandler: true, enableDebugFlagsHandler: true };

function config(version: KubeVersion, overrides: Partial<typeof SWITCHES_ON> = {}, gates: Record<string, boolean> = {}): KubeletRouteConfig {
  const effective = validateFeatureGates(version, gates);
  if (!effective.ok) throw new Error(effective.message);
  return kubeletRouteConfig(version, { ...SWITCHES_ON, ...overrides }, effective.effective);
}

function registered(route: KubeletRoute) {
  if (route.kind !== 'registered') throw new Error(`expected a registered endpoint, got ${route.kind}`);
  return route;
}

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };
const GO_ERROR_HEADERS = { ...TEXT, 'X-Content-Type-Options': 'nosniff' };

describe('ServeMux: answered before any authentication', () => {
  it('404s an unregistered path with Go NotFound, nosniff included', () => {
    expect(routeKubeletRequest('GET', '/spec/', config('1.33'))).toEqual({
      kind: 'notFound',
      response: { status: 404, headers: GO_ERROR_HEADERS, body: '404 page not found\n' },
    });
  });

  it.each(['/healthz/foo', '/healthz/', '/configz/', '/metrics/foo', '/metricsfoo', '/metrics/cadvisor/', '/debug', '/runningPods/'])(
    '%s is not registered',
    (path) => {
      expect(routeKubeletRequest('GET', path, config('1.36')).kind).toBe('notFound');
    },
  );

  it('redirects a subtree root without its slash, with the HTML body only for GET', () => {
    const get = routeKubeletRequest('GET', '/stats', config('1.31'));
    expect(get).toEqual({
      kind: 'redirect',
      status: 301,
      location: '/stats/',
      response: {
        status: 301,
        headers: { Location: '/stats/', 'Content-Type': 'text/html; charset=utf-8' },
        body: '<a href="/stats/">Moved Permanently</a>.\n\n',
      },
    });
    const head = routeKubeletRequest('HEAD', '/logs', config('1.31'));
    expect(head.kind === 'redirect' && head.response).toEqual({
      status: 301,
      headers: { Location: '/logs/', 'Content-Type': 'text/html; charset=utf-8' },
      body: '',
    });
    const post = routeKubeletRequest('POST', '/checkpoint', config('1.31'));
    expect(post.kind === 'redirect' && post.response).toEqual({ status: 301, headers: { Location: '/checkpoint/' }, body: '' });
  });

  it('keeps the query string and escapes it in the HTML body', () => {
    const route = routeKubeletRequest('GET', '/runningpods?a=1&b=2', config('1.33'));
    expect(route).toMatchObject({
      kind: 'redirect',
      location: '/runningpods/?a=1&b=2',
      response: { body: '<a href="/runningpods/?a=1&amp;b=2">Moved Permanently</a>.\n\n' },
    });
  });

  it('redirects unclean paths to their cleaned form', () => {
    expect(routeKubeletRequest('GET', '//pods', config('1.33'))).toMatchObject({ kind: 'redirect', location: '/pods' });
    expect(routeKubeletRequest('GET', '/pods/../configz?x=1', config('1.33'))).toMatchObject({ kind: 'redirect', location: '/configz?x=1' });
    expect(routeKubeletRequest('GET', '/logs/./syslog', config('1.33'))).toMatchObject({ kind: 'redirect', location: '/logs/syslog' });
    // Even a path that only cleans to an unregistered one is redirected first.
    expect(routeKubeletRequest('GET', '/spec//x', config('1.33'))).toMatchObject({ kind: 'redirect', location: '/spec/x' });
  });

  it('prefers the trailing-slash redirect on the cleaned path', () => {
    expect(routeKubeletRequest('GET', '//runningpods', config('1.33'))).toMatchObject({ kind: 'redirect', location: '/runningpods/' });
  });

  it('does not redirect a WebService root without a slash: go-restful registered both forms', () => {
    expect(registered(routeKubeletRequest('GET', '/exec', config('1.33'))).restfulError?.status).toBe(404);
  });
});

describe('go-restful after authorization', () => {
  it('parses path parameters, with and without the pod uid', () => {
    expect(registered(routeKubeletRequest('POST', '/exec/default/web/nginx', config('1.33')))).toMatchObject({
      endpoint: 'exec',
      params: { namespace: 'default', pod: 'web', container: 'nginx' },
      methodAllowed: true,
    });
    expect(registered(routeKubeletRequest('GET', '/attach/ns/p/0b1c-uid/c', config('1.33'))).params).toEqual({
      namespace: 'ns',
      pod: 'p',
      uid: '0b1c-uid',
      container: 'c',
    });
    expect(registered(routeKubeletRequest('GET', '/portForward/ns/p', config('1.31'))).params).toEqual({ namespace: 'ns', pod: 'p' });
    expect(registered(routeKubeletRequest('GET', '/logs/pods/x.log', config('1.36'))).params).toEqual({ logPath: 'pods/x.log' });
    expect(registered(routeKubeletRequest('GET', '/debug/pprof/heap', config('1.36'))).params).toEqual({ subpath: 'heap' });
  });

  it.each([
    ['DELETE', '/exec/ns/p/c', 'GET, POST'],
    ['GET', '/run/ns/p/c', 'POST'],
    ['POST', '/containerLogs/ns/p/c', 'GET'],
    ['GET', '/checkpoint/ns/p/c', 'POST'],
    ['PUT', '/stats/summary', 'GET, POST'],
    ['HEAD', '/runningpods/', 'GET'],
  ])('%s %s is authorized, then 405 with Allow: %s', (method, path, allow) => {
    const route = registered(routeKubeletRequest(method, path, config('1.33')));
    expect(route.methodAllowed).toBe(false);
    expect(route.restfulError).toEqual({ status: 405, headers: { Allow: allow, ...TEXT }, body: '405: Method Not Allowed' });
  });

  it.each(['/pods/extra', '/exec/ns/p', '/stats/', '/stats/container'])('%s matches a WebService but no route: 404 after auth', (path) => {
    const route = registered(routeKubeletRequest('GET', path, config('1.33')));
    expect(route.restfulError).toEqual({ status: 404, headers: TEXT, body: '404: Page Not Found' });
    expect(route.methodAllowed).toBe(true);
  });

  it('takes any method on Handle endpoints: the handler decides', () => {
    for (const path of ['/healthz', '/healthz/syncloop', '/metrics/probes', '/configz', '/debug/flags/v']) {
      const route = registered(routeKubeletRequest('DELETE', path, config('1.33')));
      expect(route.methodAllowed).toBe(true);
      expect(route.restfulError).toBeUndefined();
    }
  });
});

describe('what the configuration installs', () => {
  it('replaces debugging endpoints by 405 stubs behind the auth filter', () => {
    const off = config('1.33', { enableDebuggingHandlers: false });
    const stub = { status: 405, headers: GO_ERROR_HEADERS, body: 'Debug endpoints are disabled.\n' };
    for (const path of ['/exec/ns/p/c', '/run/ns/p/c', '/containerLogs/ns/p/c', '/runningpods/', '/logs/syslog', '/debug/pprof/heap']) {
      expect(registered(routeKubeletRequest('GET', path, off)).disabledStub).toEqual(stub);
    }
    // Not stubbed: simply gone.
    for (const path of ['/configz', '/debug/flags/v', '/checkpoint/ns/p/c']) {
      expect(routeKubeletRequest('POST', path, off).kind).toBe('notFound');
    }
    // Not debugging handlers at all.
    expect(registered(routeKubeletRequest('GET', '/pods', off)).disabledStub).toBeUndefined();
  });

  it('keeps checkpoint without debugging handlers in 1.31 only', () => {
    const off = (v: KubeVersion) => config(v, { enableDebuggingHandlers: false });
    expect(registered(routeKubeletRequest('POST', '/checkpoint/ns/p/c', off('1.31'))).endpoint).toBe('checkpoint');
    expect(routeKubeletRequest('POST', '/checkpoint/ns/p/c', off('1.36')).kind).toBe('notFound');
  });

  it('drops checkpoint when ContainerCheckpoint is off', () => {
    expect(routeKubeletRequest('POST', '/checkpoint/ns/p/c', config('1.33', {}, { ContainerCheckpoint: false })).kind).toBe('notFound');
  });

  it.each([
    ['enableSystemLogHandler', '/logs/syslog', 'logs endpoint is disabled.\n'],
    ['enableProfilingHandler', '/debug/pprof/heap', 'profiling endpoint is disabled.\n'],
    ['enableDebugFlagsHandler', '/debug/flags/v', 'flags endpoint is disabled.\n'],
  ] as const)('%s=false leaves a stub at %s', (name, path, body) => {
    const route = registered(routeKubeletRequest('PUT', path, config('1.36', { [name]: false })));
    expect(route.disabledStub).toEqual({ status: 405, headers: GO_ERROR_HEADERS, body });
  });

  it('installs statusz and flagz only with their gates, and never in 1.31', () => {
    expect(routeKubeletRequest('GET', '/statusz', config('1.33')).kind).toBe('notFound');
    expect(registered(routeKubeletRequest('GET', '/statusz', config('1.33', {}, { ComponentStatusz: true }))).endpoint).toBe('statusz');
    expect(registered(routeKubeletRequest('GET', '/flagz', config('1.36', {}, { ComponentFlagz: true }))).endpoint).toBe('flagz');
    expect(routeKubeletRequest('GET', '/statusz', kubeletRouteConfig('1.31', SWITCHES_ON, { ComponentStatusz: true })).kind).toBe('notFound');
    // Installed with the debugging handlers.
    expect(routeKubeletRequest('GET', '/statusz', config('1.36', { enableDebuggingHandlers: false }, { ComponentStatusz: true })).kind).toBe('notFound');
  });
});

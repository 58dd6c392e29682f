// 10,000 random requests against one live kubelet: random methods, paths (registered, near
// misses, dot segments, escapes), queries, credentials (valid, bogus, foreign certificates) and
// WebSocket upgrades. The kubelet must never fall over, and every answer must be one a real
// kubelet could give for that route: ServeMux's 404/301 before auth, else 401/403 from the auth
// filter with their exact bodies, else what that endpoint answers.
// /debug/pprof/profile and /trace are left out: they block for `seconds` (30 by default) by design.

import { connect } from 'node:tls';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestCluster } from '../../../test/support/cluster.js';
import type { EmbeddedCluster } from '../cluster.js';
import { createCertificateAuthority, issueCertificate } from '../pki/index.js';
import type { EndpointId } from './endpoints.js';
import { kindKubeletConfig } from './kubelet-config.js';
import { kubeletRouteConfig, routeKubeletRequest } from './routes.js';
import { validateFeatureGates } from '../../feature-gates.js';
import { adminKubectl, kubectlMust, kubeletFetch, serviceAccountToken, type LiveRequest } from './testing/live-kubelet.js';

const RUNS = 10_000;
/** 101, or a refusal: options/pod (400/404), proxy (500), x/net/websocket (400/403/405), SPDY (403/501). */
const STREAM = [101, 400, 403, 404, 405, 500, 501];
const RAW_RUNS = 500;

/** What each endpoint may answer once authorized (streams: the CRI streaming server's handshake answers too). */
const AFTER_AUTH: Readonly<Record<EndpointId, readonly number[]>> = {
  healthz: [200], 'healthz/ping': [200], 'healthz/log': [200], 'healthz/syncloop': [200],
  metrics: [200], 'metrics/cadvisor': [200], 'metrics/resource': [200], 'metrics/probes': [200], 'metrics/slis': [200],
  pods: [200], runningpods: [200], stats: [404], 'stats/summary': [200], configz: [200],
  statusz: [200, 406], flagz: [200, 406],
  containerLogs: [200, 400, 404, 422], run: [200, 404, 500], checkpoint: [200, 404],
  logs: [200, 301, 404], 'debug/pprof': [200, 404], 'debug/flags/v': [200, 400, 406],
  exec: STREAM, attach: STREAM, portForward: STREAM,
};

let cluster: EmbeddedCluster;
let adminToken = '';
let probeToken = '';
let adminCert: { certPem: string; keyPem: string };
const foreignCert = issueCertificate(createCertificateAuthority('elsewhere'), { commonName: 'kubernetes-admin', organizations: ['system:masters'], usage: 'client' });
const routeConfig = (() => {
  const gates = validateFeatureGates('1.33', {});
  const config = kindKubeletConfig('1.33');
  if (!gates.ok || !config.ok) throw new Error('defaults do not validate');
  return kubeletRouteConfig('1.33', config.config, gates.effective);
})();

beforeAll(async () => {
  cluster = await startTestCluster({ version: '1.33' });
  const k = await adminKubectl(cluster.kubeconfigPath);
  adminToken = await serviceAccountToken(k, 'admin');
  probeToken = await serviceAccountToken(k, 'probe');
  await kubectlMust(k, ['create', 'clusterrolebinding', 'admin', '--clusterrole=cluster-admin', '--serviceaccount=default:admin']);
  const user = (parse(readFileSync(cluster.kubeconfigPath, 'utf8')) as { users: { user: Record<string, string> }[] }).users[0]!.user;
  adminCert = { certPem: Buffer.from(user['client-certificate-data']!, 'base64').toString(), keyPem: Buffer.from(user['client-key-data']!, 'base64').toString() };
}, 60_000);

afterAll(async () => {
  await cluster?.delete();
});

const SEGMENTS = ['pods', 'runningpods', 'runningPods', 'exec', 'attach', 'portForward', 'run', 'containerLogs', 'checkpoint', 'default', 'web', 'kube-system',
  'nginx', 'logs', 'stats', 'summary', 'metrics', 'cadvisor', 'resource', 'probes', 'slis', 'debug', 'pprof', 'heap', 'goroutine', 'cmdline', 'flags', 'v',
  'healthz', 'ping', 'log', 'syncloop', 'configz', 'statusz', 'flagz', 'spec', 'cri', '..', '.', '', '%2e%2e', '%41', '%C3%BC', 'x'];
const QUERIES = ['', '?verbose', '?exclude=ping', '?tailLines=abc', '?tailLines=-1', '?limitBytes=0', '?command=id&output=1', '?input=1&tty=1', '?port=80', '?port=0',
  '?debug=1', '?cmd=ls%20-l', '?previous=true', '?timeout=x', '?x=%zz'];
const AUTHORIZATION = () => [undefined, `Bearer ${adminToken}`, `Bearer ${probeToken}`, 'Bearer not-a-token', 'Bearer ', `bearer ${adminToken}`, 'Basic YWRtaW46YWRtaW4=', `Bearer  ${adminToken}`, `Bearer ${adminToken.slice(0, -4)}AAAA`];

interface Generated {
  request: LiveRequest;
  credential: 'none' | 'other';
}

function requestArbitrary(): fc.Arbitrary<Generated> {
  const path = fc.oneof(
    fc.constantFrom('/pods', '/pods/', '/runningpods/', '/healthz', '/configz', '/metrics', '/stats/summary', '/logs/', '/statusz', '/flagz', '/debug/pprof/heap', '/exec/default/web/nginx', '/containerLogs/default/web/nginx', '/checkpoint/default/web/nginx'),
    fc.tuple(fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 5 }), fc.boolean()).map(([parts, slash]) => `/${parts.join('/')}${slash ? '/' : ''}`),
  );
  return fc
    .record({
      method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND'),
      path,
      query: fc.constantFrom(...QUERIES),
      authorization: fc.constantFrom(...AUTHORIZATION()),
      cert: fc.constantFrom<'none' | 'admin' | 'foreign'>('none', 'none', 'none', 'none', 'none', 'none', 'none', 'admin', 'foreign'),
      webSocket: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      wsToken: fc.constantFrom<'none' | 'admin' | 'bogus' | 'alone'>('none', 'admin', 'bogus', 'alone'),
      accept: fc.constantFrom(undefined, 'application/json', '*/*', 'text/html'),
    })
    .map((r) => {
      // Blocking profiles and followed logs would only make the fuzzer wait.
      const safePath = /pprof\/(profile|trace)/.test(r.path) ? '/healthz' : r.path;
      const headers: Record<string, string> = {};
      if (r.authorization) headers.Authorization = r.authorization;
      if (r.accept) headers.Accept = r.accept;
      if (r.webSocket && r.wsToken !== 'none') {
        const token = Buffer.from(r.wsToken === 'bogus' ? 'bogus' : adminToken).toString('base64url');
        headers['Sec-WebSocket-Protocol'] = r.wsToken === 'alone' ? `base64url.bearer.authorization.k8s.io.${token}` : `base64url.bearer.authorization.k8s.io.${token}, v4.channel.k8s.io`;
      }
      const request: LiveRequest = { method: r.webSocket ? 'GET' : r.method, path: `${safePath}${r.query}`, headers, webSocket: r.webSocket };
      if (r.cert === 'admin') request.cert = adminCert;
      if (r.cert === 'foreign') request.cert = foreignCert;
      const anyCredential = r.authorization !== undefined || r.cert !== 'none' || (r.webSocket && r.wsToken !== 'none');
      return { request, credential: anyCredential ? 'other' : 'none' };
    });
}

/** Go's url.PathUnescape of the path part, as the kubelet routes it. */
function routedPath(target: string): string {
  const [path] = target.split('?') as [string];
  return decodeURIComponent(path);
}

describe('fuzzing a live kubelet', () => {
  it(`answers ${RUNS} random requests the way a kubelet could, without falling over`, async () => {
    const samples = fc.sample(requestArbitrary(), { numRuns: RUNS, seed: 20260520 });
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const node = cluster.nodes[0]!;
    for (let i = 0; i < samples.length; i += 25) {
      await Promise.all(
        samples.slice(i, i + 25).map(async ({ request, credential }) => {
          const res = await kubeletFetch(node, request);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const query = request.path.includes('?') ? request.path.slice(request.path.indexOf('?')) : '';
          const route = routeKubeletRequest(request.method ?? 'GET', `${routedPath(request.path)}${query}`, routeConfig);
          let allowed: readonly number[];
          if (route.kind === 'notFound') allowed = [404];
          else if (route.kind === 'redirect') allowed = [301];
          else if (credential === 'none') allowed = [401];
          else allowed = [401, 403, ...(route.restfulError ? [route.restfulError.status] : route.disabledStub ? [405] : AFTER_AUTH[route.endpoint])];
          const problem =
            !allowed.includes(res.status) ? `${res.status} not in [${allowed.join(',')}]`
            : request.method !== 'HEAD' && res.status === 401 && res.body !== 'Unauthorized' ? `401 body ${JSON.stringify(res.body)}`
            : request.method !== 'HEAD' && res.status === 403 && !(route.kind === 'registered' && AFTER_AUTH[route.endpoint] === STREAM && res.body === '') && !/^Forbidden \(user=[^,]+, verb=[a-z]*, resource=nodes, subresource\(s\)=\[[a-z ]+\]\)\n$/.test(res.body)
              ? `403 body ${JSON.stringify(res.body)}`
              : undefined;
          if (problem) problems.push(`${request.method} ${request.path} ws=${String(request.webSocket)} cert=${request.cert ? 'yes' : 'no'}: ${problem}`);
        }),
      );
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // The kubelet is still fine, and it saw every kind of answer.
    expect((await kubeletFetch(node, { path: '/healthz', headers: { Authorization: `Bearer ${adminToken}` } })).body).toBe('ok');
    for (const status of [200, 301, 401, 403, 404, 405]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
  }, 240_000);

  it(`answers ${RAW_RUNS} raw, partly malformed request lines with an HTTP response`, async () => {
    const targets = fc.sample(
      fc.tuple(
        fc.constantFrom('GET', 'POST', 'get', 'FOO', 'G@T', 'CONNECT'),
        fc.constantFrom('/pods', '/pods%zz', '/%', '*', 'pods', '/pods?x=%zz', '//pods', '/ü', '/exec/a b', 'http://kubelet/pods', '/healthz#frag', '/stats/../pods'),
        fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', ''),
        fc.constantFrom('', 'Content-Length: abc\r\n', 'Transfer-Encoding: chunked\r\n', 'X\u0001: y\r\n'),
      ),
      { numRuns: RAW_RUNS, seed: 7 },
    );
    const node = cluster.nodes[0]!;
    const send = ([method, target, version, header]: (typeof targets)[number]) =>
          new Promise<string>((resolve) => {
            const socket = connect({ host: node.internalIP, port: node.kubeletPort, rejectUnauthorized: false }, () =>
              socket.write(`${method} ${target} ${version}\r\nHost: kubelet\r\n${header}Connection: close\r\n\r\n`),
            );
            let data = '';
            socket.setTimeout(5000, () => socket.destroy());
            socket.on('data', (c) => (data += String(c)));
            socket.on('close', () => resolve(data));
            socket.on('error', () => resolve(data));
          });
    const answers: string[] = [];
    for (let i = 0; i < targets.length; i += 25) answers.push(...(await Promise.all(targets.slice(i, i + 25).map(send))));
    const statuses = answers.map((a) => Number(/^HTTP\/1\.[01] (\d{3}) /.exec(a)?.[1] ?? 0));
    expect(statuses.filter((s) => ![301, 400, 401, 404, 405, 505].includes(s))).toEqual([]);
    expect((await kubeletFetch(node, { path: '/healthz', headers: { Authorization: `Bearer ${adminToken}` } })).status).toBe(200);
  }, 120_000);
});

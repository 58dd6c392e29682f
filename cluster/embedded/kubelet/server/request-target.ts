// The request target as Go's net/http server reads it (url.ParseRequestURI) before any handler:
// the path is percent-decoded (ServeMux, go-restful and the auth filter all see r.URL.Path), the
// query stays raw, an absolute-form target keeps only its path, and a malformed target never
// reaches the kubelet's handlers: the server itself answers 400.

import { goPathUnescape } from '../../go-net-http.js';

export type RequestTarget =
  | { kind: 'path'; path: string; rawQuery: string }
  /** "OPTIONS *": ServeMux answers 400 with no body. */
  | { kind: 'asterisk' }
  /** net/http rejects it while reading the request: "400 Bad Request" and the connection closes. */
  | { kind: 'malformed' };

export function parseRequestTarget(raw: string): RequestTarget {
  if (raw === '*') return { kind: 'asterisk' };
  let rest = raw;
  // Origin form ("/healthz") is what every client but a proxy sends: no need to look for a scheme.
  const absolute = rest.charCodeAt(0) === 47 /* '/' */ ? null : /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  if (!rest.startsWith('/')) return { kind: 'malformed' };
  const queryAt = rest.indexOf('?');
  const escapedPath = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : rest.slice(queryAt + 1);
  const fragmentAt = escapedPath.indexOf('#');
  const path = goPathUnescape(fragmentAt < 0 ? escapedPath : escapedPath.slice(0, fragmentAt));
  if (path === undefined) return { kind: 'malformed' };
  return { kind: 'path', path, rawQuery };
}

// The path and query of a request's target: the path as `new URL(target, base)` resolves it, then
// percent-decoded as Go's net/http does before kube-apiserver reads r.URL.Path (so
// `/clusterroles/system%3Anode` names "system:node"); the query as URL parses it. A common target
// (a plain absolute path and a printable query) skips building a URL: WHATWG URL parsing is a
// visible part of a small request's cost.

import { goPathUnescape } from '../go-net-http.js';

export interface RequestTarget {
  pathname: string;
  query: URLSearchParams;
}

const BASE = 'https://apiserver.invalid';
/** Characters URL leaves alone in a path; no "//" at the start (that would name a host). */
const PLAIN_PATH = /^\/(?!\/)[\w\-.~:@!$&'()*+,;=/]*$/;
/** "." and ".." segments, which URL resolves away. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
/** Anything URL would strip or percent-encode in a query, where decoding might not give it back. */
const UNPRINTABLE = /[^\x21-\x7e]/;

/** The target, or undefined when Go would refuse it (a malformed %-escape in the path): a 400 before any handler. */
export function parseRequestTarget(raw: string): RequestTarget | undefined {
  const hash = raw.indexOf('#');
  const target = hash < 0 ? raw : raw.slice(0, hash);
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q + 1);
  if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) && !UNPRINTABLE.test(search)) {
    return { pathname: path, query: new URLSearchParams(search) };
  }
  const url = parseUrl(raw);
  const pathname = goPathUnescape(url.pathname);
  return pathname === undefined ? undefined : { pathname, query: url.searchParams };
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw, BASE);
  } catch {
    return new URL(`${BASE}/`);
  }
}

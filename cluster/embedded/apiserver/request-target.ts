// The path and query of a request's target, exactly as `new URL(target, base)` gives them, but
// without building a URL for the common case (a plain absolute path and a printable query):
// WHATWG URL parsing is a visible part of a small request's cost.

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

export function parseRequestTarget(raw: string): RequestTarget {
  const hash = raw.indexOf('#');
  const target = hash < 0 ? raw : raw.slice(0, hash);
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q + 1);
  if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) && !UNPRINTABLE.test(search)) {
    return { pathname: path, query: new URLSearchParams(search) };
  }
  const url = parseUrl(raw);
  return { pathname: url.pathname, query: url.searchParams };
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw, BASE);
  } catch {
    return new URL(`${BASE}/`);
  }
}

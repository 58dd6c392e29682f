// Go's http.ServeMux as the kubelet uses it (inside go-restful's Container): literal patterns only,
// "/x" matching exactly and "/x/" matching the subtree. Nothing is registered at "/", so a path
// no pattern covers is answered by ServeMux itself, before any kubelet filter (authn/authz) runs.
// Semantics of findHandler/matchOrRedirect (Go 1.22+; the pre-1.22 mux behaves the same for
// literal patterns):
// - the path is cleaned first (path.Clean, keeping a trailing slash); "/tree" with only "/tree/"
//   registered is redirected to "/tree/" (301), then an unclean path is redirected to its
//   cleaned form (301); both keep the query string.
// - otherwise the longest matching pattern wins; no match is NotFound.

import { goNotFound, goRedirect, type PlainResponse } from './plain-response.js';

export type MuxLookup =
  | { kind: 'match'; pattern: string }
  | { kind: 'redirect'; location: string; response: PlainResponse }
  | { kind: 'notFound'; response: PlainResponse };

/** path.Clean: collapse "//", resolve "." and "..", drop the trailing slash (except for "/"). */
function pathClean(p: string): string {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

/** net/http cleanPath: path.Clean, but a trailing slash survives. */
function cleanPath(p: string): string {
  if (p === '') return '/';
  const rooted = p.startsWith('/') ? p : `/${p}`;
  const cleaned = pathClean(rooted);
  return rooted.endsWith('/') && cleaned !== '/' ? `${cleaned}/` : cleaned;
}

function matches(pattern: string, path: string): boolean {
  return pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern;
}

function longestMatch(patterns: readonly string[], path: string): string | undefined {
  let best: string | undefined;
  for (const pattern of patterns) {
    if (matches(pattern, path) && (best === undefined || pattern.length > best.length)) best = pattern;
  }
  return best;
}

/** `path` and `query` are the request target split at the first "?" (query without the "?"). */
export function serveMuxLookup(patterns: readonly string[], method: string, path: string, query: string): MuxLookup {
  const redirect = (to: string): MuxLookup => {
    const location = query === '' ? to : `${to}?${query}`;
    return { kind: 'redirect', location, response: goRedirect(method, location, 301, 'Moved Permanently') };
  };
  const cleaned = cleanPath(path);
  const match = longestMatch(patterns, cleaned);
  // matchOrRedirect: only an exact registration of "<path>/" triggers the slash redirect.
  if (match !== cleaned && !cleaned.endsWith('/') && patterns.includes(`${cleaned}/`)) return redirect(`${cleaned}/`);
  if (cleaned !== path) return redirect(cleaned);
  return match === undefined ? { kind: 'notFound', response: goNotFound() } : { kind: 'match', pattern: match };
}

// go-restful's CurlyRouter (v3, TrimRightSlashEnabled=true, the default the kubelet runs with):
// which WebService and Route a dispatched request selects, its path parameters, and the
// ServiceError it writes when none fits. The container filters (the kubelet's auth filter) run
// before that error is written ("run container filters anyway" in Container.dispatch), so a
// route miss is still authenticated and authorized first.
// Sources: go-restful v3 curly.go (SelectRoute, matchesRouteByPathTokens, computeWebserviceScore),
// jsr311.go (detectRoute: 405 + Allow), route.go (tokenizePath), path_processor.go.

import { restfulErrorString, type PlainResponse } from './plain-response.js';

export interface RestfulRoute<Id extends string> {
  id: Id;
  method: string;
  /** Full route path: WebService root joined with the route's subpath, e.g. "/exec/{podNamespace}/{podID}/{containerName}". */
  path: string;
}

export interface RestfulService<Id extends string> {
  id: Id;
  root: string;
  routes: readonly RestfulRoute<Id>[];
}

export type RestfulSelection<Id extends string> =
  | { kind: 'route'; service: Id; route: Id; params: Record<string, string> }
  | { kind: 'error'; service: Id | undefined; response: PlainResponse };

/** tokenizePath with TrimRightSlashEnabled: leading and trailing slashes trimmed. */
function tokenize(path: string): string[] {
  if (path === '/') return [];
  return path.replace(/^\/+|\/+$/g, '').split('/');
}

/** concatPath with TrimRightSlashEnabled: a route "" on root "/logs/" has path "/logs/". */
export function joinRoutePath(root: string, subPath: string): string {
  return `${root.replace(/\/+$/, '')}/${subPath.replace(/^\/+/, '')}`;
}

const isParam = (token: string): boolean => token.startsWith('{');
const isWildcard = (token: string): boolean => token.startsWith('{') && token.endsWith(':*}');

function serviceScore(request: readonly string[], root: readonly string[]): number | undefined {
  if (root.length > request.length) return undefined;
  let score = 0;
  for (let i = 0; i < root.length; i++) {
    const token = root[i]!;
    const given = request[i]!;
    if (given === '' && token === '') {
      score++;
    } else if (isParam(token)) {
      if (given === '') return undefined;
      score++;
    } else if (given !== token) {
      return undefined;
    } else {
      score += (root.length - i) * 10;
    }
  }
  return score;
}

function routeMatches(route: readonly string[], request: readonly string[]): boolean {
  if (route.length < request.length && !(route.length > 0 && isWildcard(route[route.length - 1]!))) return false;
  for (let i = 0; i < route.length; i++) {
    const token = route[i]!;
    if (i === request.length) return false; // request path ends before the route does
    if (isWildcard(token)) return true;
    if (!isParam(token) && token !== request[i]) return false;
  }
  return true;
}

/** Path parameters by name; a {name:*} parameter takes the rest of the path. */
function extractParams(route: readonly string[], request: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.length; i++) {
    const token = route[i]!;
    if (!isParam(token)) continue;
    if (isWildcard(token)) {
      params[token.slice(1, -3)] = request.slice(i).join('/');
      break;
    }
    params[token.slice(1, -1)] = request[i] ?? '';
  }
  return params;
}

const NOT_FOUND = '404: Page Not Found';

export function selectRestfulRoute<Id extends string>(
  services: readonly RestfulService<Id>[],
  method: string,
  path: string,
): RestfulSelection<Id> {
  const request = tokenize(path);
  let best: RestfulService<Id> | undefined;
  let bestScore = -1;
  for (const service of services) {
    const score = serviceScore(request, tokenize(service.root));
    if (score !== undefined && score > bestScore) [best, bestScore] = [service, score];
  }
  if (best === undefined) return { kind: 'error', service: undefined, response: restfulErrorString(404, NOT_FOUND) };

  const candidates = best.routes.filter((route) => routeMatches(tokenize(route.path), request));
  if (candidates.length === 0) return { kind: 'error', service: best.id, response: restfulErrorString(404, NOT_FOUND) };

  const chosen = candidates.find((route) => route.method === method);
  if (chosen === undefined) {
    const allowed = [...new Set(candidates.map((route) => route.method))].join(', ');
    return { kind: 'error', service: best.id, response: restfulErrorString(405, '405: Method Not Allowed', { Allow: allowed }) };
  }
  return { kind: 'route', service: best.id, route: chosen.id, params: extractParams(tokenize(chosen.path), request) };
}

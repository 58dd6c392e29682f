// RequestInfo as k8s.io/apiserver's RequestInfoFactory resolves it: once per request, before
// authentication, and carried along. The verb here is the authorization verb (get/list/watch/...).

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string;
  apiPrefix: string; // "api" | "apis"
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const API_PREFIXES = new Set(['api', 'apis']);
const GROUPLESS_PREFIXES = new Set(['api']);
// Namespace subresources that are not "the namespace's own" subresource: /namespaces/{ns}/{res}
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/**
 * Resolve a request. `query` is the parsed query string (watch, fieldSelector).
 * Mirrors requestinfo.go: verbs from method, list/watch/deletecollection on collections,
 * the deprecated /watch/ prefix, and the metadata.name field selector turning into a name.
 */
export function resolveRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  let parts = splitPath(path);
  const prefix = parts[0];
  if (prefix === undefined || !API_PREFIXES.has(prefix)) return info;
  info.apiPrefix = prefix;
  parts = parts.slice(1);
  if (!GROUPLESS_PREFIXES.has(prefix)) {
    if (parts.length < 2) return info; // /apis or /apis/<group>: discovery
    info.apiGroup = parts[0]!;
    parts = parts.slice(1);
  }
  if (parts.length < 2) {
    // /api, /api/v1, /apis/<g>/<v>: discovery, a non-resource request
    return info;
  }
  info.apiVersion = parts[0]!;
  parts = parts.slice(1);
  info.isResourceRequest = true;

  const methodVerb = METHOD_VERBS[method] ?? '';
  info.verb = methodVerb;
  if (parts[0] === 'watch') {
    parts = parts.slice(1);
    info.verb = 'watch';
  }

  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1]!;
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
    }
  } else {
    info.namespace = '';
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2]!;
  if (parts.length >= 2) info.name = parts[1]!;
  if (parts.length >= 1) info.resource = parts[0]!;

  if (parts.length < 2 && info.verb === 'get') {
    info.verb = isTrue(query.get('watch')) ? 'watch' : 'list';
  }
  if (parts.length < 2 && info.verb === 'delete') info.verb = 'deletecollection';

  // A list or watch for one object by name is authorized as that name.
  if ((info.verb === 'list' || info.verb === 'watch') && !info.name) {
    const nameFromSelector = singleNameSelector(query.get('fieldSelector'));
    if (nameFromSelector) info.name = nameFromSelector;
  }
  return info;
}

/** The path's segments, leading and trailing slashes dropped (strings.Split(strings.Trim(path, "/"), "/")). */
function splitPath(path: string): string[] {
  let start = 0;
  let end = path.length;
  while (start < end && path.charCodeAt(start) === SLASH) start++;
  while (end > start && path.charCodeAt(end - 1) === SLASH) end--;
  return start === end ? [] : path.slice(start, end).split('/');
}

const SLASH = 47;

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

function singleNameSelector(selector: string | null): string | undefined {
  if (!selector) return undefined;
  const m = /^metadata\.name(?:==?)([^,]+)$/.exec(selector.trim());
  return m?.[1];
}

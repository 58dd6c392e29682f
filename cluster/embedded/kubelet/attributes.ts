// The authorizer.Attributes the kubelet builds for a request (nodeAuthorizerAttributesGetter in
// pkg/kubelet/server/auth.go). Always a resource request on nodes/<subresource> named after the
// node; the subresource comes from the path. Since 1.32 it is an ordered list that the auth filter
// tries in turn: fine-grained subresources first (only while KubeletFineGrainedAuthz is on), then
// exactly one coarse one (stats, metrics, log, checkpoint, ... or proxy).

import type { KubeVersion } from '../../versions.js';
import type { Attributes, UserInfo } from '../apiserver/types.js';

export interface PathRule {
  /** Matched with isSubpath: the path itself or anything below it ("/stats/" also covers "/stats"). */
  path: string;
  subresource: string;
}

export interface AttributeRuleTable {
  /** Tried first, only with the gate on; the first match contributes one subresource. */
  fineGrained: readonly PathRule[];
  /** Always applied after; the first match wins, and `fallback` when none does. */
  coarse: readonly PathRule[];
  fallback: string;
}

const COARSE: readonly PathRule[] = [
  { path: '/stats/', subresource: 'stats' },
  { path: '/metrics', subresource: 'metrics' },
  // "log" to match other log subresources (pods/log, etc), says auth.go.
  { path: '/logs/', subresource: 'log' },
  { path: '/checkpoint/', subresource: 'checkpoint' },
];

// runningpods is listed last upstream ("it will allocate a new string on every check").
const FINE_GRAINED: readonly PathRule[] = [
  { path: '/pods', subresource: 'pods' },
  { path: '/healthz', subresource: 'healthz' },
  { path: '/configz', subresource: 'configz' },
  { path: '/runningpods/', subresource: 'pods' },
];

export const KUBELET_ATTRIBUTE_RULES: Readonly<Record<KubeVersion, AttributeRuleTable>> = {
  // No gate exists: a single attribute (auth.go switch: stats, metrics, logs, checkpoint, else proxy).
  '1.31': { fineGrained: [], coarse: COARSE, fallback: 'proxy' },
  // auth.go@7caff55 plus PR #128857: statusz and flagz (which shares configz) sit in the gated
  // switch, so with the gate on they still fall back to proxy, and with it off they are proxy only.
  '1.33': {
    fineGrained: [
      ...FINE_GRAINED.slice(0, 3),
      { path: '/flagz', subresource: 'configz' },
      { path: '/statusz', subresource: 'statusz' },
      ...FINE_GRAINED.slice(3),
    ],
    coarse: COARSE,
    fallback: 'proxy',
  },
  // auth_test.go@0411cc70: /statusz -> [statusz] and /flagz -> [configz], whatever the gate, no proxy.
  '1.36': {
    fineGrained: FINE_GRAINED,
    coarse: [...COARSE, { path: '/statusz', subresource: 'statusz' }, { path: '/flagz', subresource: 'configz' }],
    fallback: 'proxy',
  },
};

/** isSubpath: strip one trailing "/" from the rule path, then equal or below it. "/metricsfoo" is not under "/metrics". */
export function isSubpath(subpath: string, path: string): boolean {
  const base = path.endsWith('/') ? path.slice(0, -1) : path;
  return subpath === base || subpath.startsWith(`${base}/`);
}

const VERBS: Readonly<Record<string, string>> = {
  POST: 'create',
  GET: 'get', // a WebSocket upgrade is a GET, so `get nodes/proxy` can open an exec stream
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** The verb from the HTTP method; HEAD, OPTIONS and anything else give "" (only `*` matches it). */
export function kubeletVerb(method: string): string {
  return VERBS[method] ?? '';
}

export function kubeletSubresources(path: string, fineGrained: boolean, table: AttributeRuleTable): string[] {
  const firstMatch = (rules: readonly PathRule[]) => rules.find((rule) => isSubpath(path, rule.path))?.subresource;
  const fine = fineGrained ? firstMatch(table.fineGrained) : undefined;
  const coarse = firstMatch(table.coarse) ?? table.fallback;
  return fine === undefined ? [coarse] : [fine, coarse];
}

export interface KubeletAttributeOptions {
  nodeName: string;
  /** KubeletFineGrainedAuthz as the kubelet sees it (false where the gate does not exist). */
  fineGrained: boolean;
  table: AttributeRuleTable;
}

/** `path` is the URL path (the query string never takes part). */
export function kubeletAuthorizationAttributes(
  method: string,
  path: string,
  options: KubeletAttributeOptions,
  user: UserInfo,
): Attributes[] {
  return kubeletSubresources(path, options.fineGrained, options.table).map((subresource) => ({
    user,
    verb: kubeletVerb(method),
    resourceRequest: true,
    namespace: '',
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'nodes',
    subresource,
    name: options.nodeName,
  }));
}

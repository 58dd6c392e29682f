// The kubelet's authorizer (cmd/kubelet/app/auth.go BuildAuthz): with mode Webhook, one
// SubjectAccessReview per attribute through k8s.io/apiserver's webhook authorizer, whose answers
// are cached for cacheAuthorizedTTL (allowed) or cacheUnauthorizedTTL (anything else), keyed by
// the JSON of the review's spec; with mode AlwaysAllow, everything is allowed.
// The auth filter tries the attributes in order and stops at the first allow (InstallAuthFilter).

import type { Attributes, AuthorizationResult, UserInfo } from '../../apiserver/types.js';
import { TtlCache } from '../../apiserver/cache/ttl-cache.js';

const DECISION_CACHE_ENTRIES = 8192;

/** Why the cluster decided as it did, for the decision log (from the API server's RBAC trail). */
export interface ReviewExplanation {
  /** The authorizer of the kube-apiserver chain that decided (SystemPrivilegedGroup, Node, RBAC); absent when none did. */
  decidedBy?: string;
  /** The binding and rule that allowed the request. */
  allowedBy?: { bindingKind: string; binding: string; namespace?: string; role: string; ruleIndex: number };
  /** Bindings naming this user (or a group of it) with rules about this resource that did not allow it, and why. */
  notAllowedBy: { bindingKind: string; binding: string; namespace?: string; role: string; mismatches: string[]; error?: string }[];
}

export interface AccessReviewAnswer {
  result: AuthorizationResult;
  explanation?: ReviewExplanation;
}

/** What a SubjectAccessReview (authorization.k8s.io/v1) answers; may throw when the call fails. */
export type SubjectAccessReviewer = (attrs: Attributes) => AccessReviewAnswer;

export interface KubeletAuthorizationConfig {
  mode: 'Webhook' | 'AlwaysAllow';
  authorizedTTLms: number;
  unauthorizedTTLms: number;
}

export interface AttributeReview {
  attributes: Attributes;
  result: AuthorizationResult;
  explanation?: ReviewExplanation;
  /** Answered from the kubelet's cache instead of a fresh SubjectAccessReview. */
  cached: boolean;
  /** When the cached answer expires (epoch ms), for answers that are or were just cached. */
  cachedUntil?: number;
  /** Only for a cached answer that is not an allow: what the cluster answers now (an RBAC fix not yet seen). */
  liveDecision?: AuthorizationResult['decision'];
}

export type KubeletAuthorization =
  | { kind: 'allowed'; reviews: AttributeReview[] }
  | { kind: 'denied'; reviews: AttributeReview[] }
  /** The review call itself failed: the filter answers 500 naming this attribute. */
  | { kind: 'error'; reviews: AttributeReview[]; failed: Attributes; message: string };

interface CachedReview {
  answer: AccessReviewAnswer;
  /** What a cache hit on an allow answers: the same frozen review every time, so describing and logging it is done once. */
  allowedHit?: Readonly<AttributeReview>;
}

export class KubeletAuthorizer {
  private readonly cache: TtlCache<CachedReview>;
  private readonly keys = new WeakMap<Attributes, string>();

  constructor(
    private readonly config: KubeletAuthorizationConfig,
    private readonly review: SubjectAccessReviewer,
    now: () => number,
  ) {
    this.cache = new TtlCache(DECISION_CACHE_ENTRIES, now);
  }

  authorize(attributes: readonly Attributes[]): KubeletAuthorization {
    const reviews: Readonly<AttributeReview>[] = [];
    for (const attrs of attributes) {
      let review: AttributeReview;
      try {
        review = this.reviewOne(attrs);
      } catch (e) {
        return { kind: 'error', reviews, failed: attrs, message: (e as Error).message };
      }
      reviews.push(review);
      if (review.result.decision === 'allow') return { kind: 'allowed', reviews };
    }
    return { kind: 'denied', reviews };
  }

  /** subjectAccessReviewSpecKey, kept per attributes object (the server reuses them per user and target). */
  private cacheKey(attrs: Attributes): string {
    let key = this.keys.get(attrs);
    if (key === undefined) {
      key = subjectAccessReviewSpecKey(attrs);
      if (Object.isFrozen(attrs)) this.keys.set(attrs, key);
    }
    return key;
  }

  private reviewOne(attrs: Attributes): Readonly<AttributeReview> {
    if (this.config.mode === 'AlwaysAllow') return { attributes: attrs, result: { decision: 'allow', reason: '' }, cached: false };
    const key = this.cacheKey(attrs);
    const hit = this.cache.get(key);
    if (hit) {
      const cached = hit.value;
      if (cached.answer.result.decision === 'allow' && cached.allowedHit?.attributes === attrs) return cached.allowedHit;
      const review: AttributeReview = { attributes: attrs, ...cached.answer, cached: true, cachedUntil: hit.expiresAt };
      if (cached.answer.result.decision === 'allow') cached.allowedHit = Object.freeze(review);
      else review.liveDecision = this.review(attrs).result.decision;
      return review;
    }
    const answer = this.review(attrs);
    const ttl = answer.result.decision === 'allow' ? this.config.authorizedTTLms : this.config.unauthorizedTTLms;
    this.cache.add(key, { answer }, ttl);
    const stored = this.cache.get(key);
    return { attributes: attrs, ...answer, cached: false, ...(stored ? { cachedUntil: stored.expiresAt } : {}) };
  }
}

/**
 * json.Marshal of the SubjectAccessReviewSpec the webhook authorizer sends: the cache key. Field
 * order and omitempty as the Go struct has them, so every part of the identity (extra included:
 * a new token carries a new credential-id) and of the attributes makes a different entry.
 */
export function subjectAccessReviewSpecKey(attrs: Attributes): string {
  const resource: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value) resource[key] = value;
  };
  put('namespace', attrs.namespace);
  put('verb', attrs.verb);
  put('group', attrs.apiGroup);
  put('version', attrs.apiVersion);
  put('resource', attrs.resource);
  put('subresource', attrs.subresource);
  put('name', attrs.name);
  return `{"resourceAttributes":${JSON.stringify(resource)}${userFields(attrs.user)}}`;
}

/** The spec's user, groups, extra and uid fields, each with its leading comma; kept per user object. */
const userFieldsByUser = new WeakMap<UserInfo, string>();

function userFields(user: UserInfo): string {
  let fields = userFieldsByUser.get(user);
  if (fields === undefined) {
    const spec: Record<string, unknown> = {};
    if (user.username) spec.user = user.username;
    if (user.groups.length) spec.groups = user.groups;
    if (user.extra && Object.keys(user.extra).length) spec.extra = sortedKeys(user.extra);
    if (user.uid) spec.uid = user.uid;
    const json = JSON.stringify(spec);
    fields = json === '{}' ? '' : `,${json.slice(1, -1)}`;
    // Users are never changed once authenticated: the same object always gives the same fields.
    userFieldsByUser.set(user, fields);
  }
  return fields;
}

/** encoding/json writes map keys sorted. */
function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

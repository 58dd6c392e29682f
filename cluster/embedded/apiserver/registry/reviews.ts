// The create-only review APIs: SelfSubjectAccessReview, SubjectAccessReview,
// LocalSubjectAccessReview, SelfSubjectRulesReview (authorization.k8s.io) and TokenReview,
// SelfSubjectReview (authentication.k8s.io). Answered from the live authorizer, never stored.

import type { Attributes, Authorizer, KubeObject, UserInfo } from '../types.js';
import { subjectRulesReviewStatus, type RuleResolver } from '../authorization/subject-rules.js';
import { badRequest, invalid, type FieldError } from '../status.js';
import type { ServiceAccountTokens } from '../serviceaccount/tokens.js';
import { withGroup, AUTHENTICATED_GROUP } from '../filters/authentication.js';

interface ResourceAttributesSpec {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface NonResourceAttributesSpec {
  path?: string;
  verb?: string;
}

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributesSpec | null;
  nonResourceAttributes?: NonResourceAttributesSpec | null;
  user?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
  uid?: string;
}

export interface ReviewDeps {
  authorizer: Authorizer;
  rules: RuleResolver;
  tokens: ServiceAccountTokens;
}

type Kind = 'SelfSubjectAccessReview' | 'SubjectAccessReview' | 'LocalSubjectAccessReview';

/** Answers an access review of `kind` for `requester`; `namespace` is the URL's (LSAR). */
export function accessReview(kind: Kind, body: Record<string, unknown>, requester: UserInfo, namespace: string, deps: ReviewDeps): KubeObject {
  const spec = (body.spec ?? {}) as AccessReviewSpec;
  const metadata = (body.metadata ?? {}) as KubeObject['metadata'];
  const errors = validateAccessReview(kind, spec, metadata, namespace);
  if (errors.length) throw invalid('authorization.k8s.io', kind, '', errors);

  const user: UserInfo =
    kind === 'SelfSubjectAccessReview'
      ? requester
      : { username: spec.user ?? '', groups: spec.groups ?? [], ...(spec.extra ? { extra: spec.extra } : {}), ...(spec.uid ? { uid: spec.uid } : {}) };
  const attrs = attributesFromSpec(spec, user);
  const result = deps.authorizer.authorize(attrs);
  const status: Record<string, unknown> = { allowed: result.decision === 'allow' };
  if (result.decision === 'deny') status.denied = true;
  if (result.reason) status.reason = result.reason;
  if (result.evaluationError) status.evaluationError = result.evaluationError;

  // Built key by key rather than spread-then-delete: a deleted key makes a slow object to serialize.
  const echoedSpec: Record<string, unknown> = {};
  for (const key of Object.keys(spec)) {
    if (kind === 'SelfSubjectAccessReview' && (key === 'user' || key === 'groups')) continue;
    echoedSpec[key] = spec[key as keyof AccessReviewSpec];
  }
  return {
    kind,
    apiVersion: 'authorization.k8s.io/v1',
    metadata: kind === 'LocalSubjectAccessReview' ? { namespace, creationTimestamp: null } : { creationTimestamp: null },
    spec: echoedSpec,
    status,
  };
}

function validateAccessReview(kind: Kind, spec: AccessReviewSpec, metadata: KubeObject['metadata'], namespace: string): FieldError[] {
  const errors: FieldError[] = [];
  const hasResource = !!spec.resourceAttributes;
  const hasNonResource = !!spec.nonResourceAttributes;
  if (!hasResource && !hasNonResource) {
    errors.push({ type: 'FieldValueInvalid', field: 'spec.resourceAttributes', detail: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified' });
  }
  if (hasResource && hasNonResource) {
    errors.push({ type: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', detail: `Invalid value: ${goValue(spec.nonResourceAttributes)}: cannot be specified in combination with resourceAttributes` });
  }
  if (kind === 'SubjectAccessReview' || kind === 'LocalSubjectAccessReview') {
    if (!spec.user && !(spec.groups && spec.groups.length)) {
      errors.push({ type: 'FieldValueInvalid', field: 'spec.user', detail: 'Invalid value: "": at least one of user or group must be specified' });
    }
  }
  if (kind === 'LocalSubjectAccessReview') {
    if (hasNonResource) errors.push({ type: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', detail: `Invalid value: ${goValue(spec.nonResourceAttributes)}: disallowed on this kind of request` });
    if (hasResource && (spec.resourceAttributes?.namespace ?? '') !== namespace) {
      errors.push({ type: 'FieldValueInvalid', field: 'spec.resourceAttributes.namespace', detail: `Invalid value: "${spec.resourceAttributes?.namespace ?? ''}": must match metadata.namespace` });
    }
  }
  const ignored = (key: string) => key === 'creationTimestamp' || (kind === 'LocalSubjectAccessReview' && key === 'namespace');
  if (Object.keys(metadata).some((k) => !ignored(k) && metadata[k] !== undefined && metadata[k] !== '')) {
    errors.push({ type: 'FieldValueInvalid', field: 'metadata', detail: 'Invalid value: ' + goValue(metadata) + ': must be empty' });
  }
  return errors;
}

export function attributesFromSpec(spec: AccessReviewSpec, user: UserInfo): Attributes {
  if (spec.nonResourceAttributes) {
    return { user, resourceRequest: false, verb: spec.nonResourceAttributes.verb ?? '', path: spec.nonResourceAttributes.path ?? '' };
  }
  const ra = spec.resourceAttributes ?? {};
  return {
    user,
    resourceRequest: true,
    verb: ra.verb ?? '',
    namespace: ra.namespace ?? '',
    apiGroup: ra.group ?? '',
    apiVersion: ra.version ?? '',
    resource: ra.resource ?? '',
    subresource: ra.subresource ?? '',
    name: ra.name ?? '',
  };
}

/** SelfSubjectRulesReview: every rule from bindings that match the requester in a namespace. */
export function rulesReview(body: Record<string, unknown>, requester: UserInfo, deps: ReviewDeps): KubeObject {
  const namespace = ((body.spec ?? {}) as { namespace?: string }).namespace ?? '';
  if (!namespace) throw badRequest('no namespace on request');
  const status = subjectRulesReviewStatus(deps.rules.rulesFor(requester, namespace));
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: {},
    status,
  };
}

/** TokenReview: authenticates the token as the API server would, for its own audiences by default. */
export async function tokenReview(body: Record<string, unknown>, deps: ReviewDeps): Promise<KubeObject> {
  const spec = (body.spec ?? {}) as { token?: string; audiences?: string[] };
  const audiences = spec.audiences?.length ? spec.audiences : deps.tokens.apiAudiences;
  const result = spec.token ? await deps.tokens.validate(spec.token, audiences) : undefined;
  let status: Record<string, unknown>;
  if (result?.ok) {
    const user = withGroup(result.user, AUTHENTICATED_GROUP);
    status = { authenticated: true, user, audiences: result.audiences };
  } else {
    status = { user: {}, error: result ? `[invalid bearer token, ${result.error}]` : '[invalid bearer token, square/go-jose: error in cryptographic primitive]' };
  }
  return {
    kind: 'TokenReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { token: spec.token ?? '', ...(spec.audiences ? { audiences: spec.audiences } : {}) },
    status,
  };
}

/** SelfSubjectReview (`kubectl auth whoami`): who the request authenticated as. */
export function selfSubjectReview(user: UserInfo): KubeObject {
  const userInfo: Record<string, unknown> = { username: user.username };
  if (user.uid) userInfo.uid = user.uid;
  userInfo.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length) userInfo.extra = user.extra;
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: { userInfo },
  };
}

/** Go's %#v-ish rendering is not reproducible exactly; show the JSON value instead. */
function goValue(v: unknown): string {
  return JSON.stringify(v ?? null);
}

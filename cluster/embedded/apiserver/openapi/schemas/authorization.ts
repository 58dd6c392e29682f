// authorization.k8s.io/v1: the access reviews. They are created and answered in one call and
// never stored; kubectl auth can-i uses SelfSubjectAccessReview and SelfSubjectRulesReview.

import type { GroupVersionKind, TypeDef } from '../schema-dsl.js';
import { boolean, field, kindType, listOf, mapOf, objectType, ref, string } from '../schema-dsl.js';

const AUTHZ = 'io.k8s.api.authorization.v1.';
const gvk = (kind: string): GroupVersionKind => ({ group: 'authorization.k8s.io', version: 'v1', kind });

const accessStatus = field(
  'Filled in by the server: the answer.',
  ref(`${AUTHZ}SubjectAccessReviewStatus`),
);

const resourceAttributes = field(
  'The resource request to check: verb, group, resource, subresource, name, namespace.',
  ref(`${AUTHZ}ResourceAttributes`),
);

const nonResourceAttributes = field(
  'The non-resource request to check: a URL path and an HTTP verb.',
  ref(`${AUTHZ}NonResourceAttributes`),
);

export const authorizationTypes: readonly TypeDef[] = [
  kindType(
    gvk('SubjectAccessReview'),
    `${AUTHZ}SubjectAccessReview`,
    'Asks whether a given user or group may perform an action. The kubelet sends these to check callers of its API.',
    {
      spec: field('Who is asking to do what.', ref(`${AUTHZ}SubjectAccessReviewSpec`), { required: true }),
      status: accessStatus,
    },
  ),
  kindType(
    gvk('SelfSubjectAccessReview'),
    `${AUTHZ}SelfSubjectAccessReview`,
    'Asks whether the caller may perform an action. Every authenticated user may create one (kubectl auth can-i).',
    {
      spec: field('The action to check; the user is the caller.', ref(`${AUTHZ}SelfSubjectAccessReviewSpec`), {
        required: true,
      }),
      status: accessStatus,
    },
  ),
  kindType(
    gvk('LocalSubjectAccessReview'),
    `${AUTHZ}LocalSubjectAccessReview`,
    'A SubjectAccessReview restricted to one namespace, so namespace admins can be allowed to create it.',
    {
      spec: field(
        'Who is asking to do what; the namespace must be the one the review is created in.',
        ref(`${AUTHZ}SubjectAccessReviewSpec`),
        { required: true },
      ),
      status: accessStatus,
    },
  ),
  kindType(
    gvk('SelfSubjectRulesReview'),
    `${AUTHZ}SelfSubjectRulesReview`,
    'Lists what the caller may do in a namespace (kubectl auth can-i --list). The list is a hint for user ' +
      'interfaces, not an authorization decision, and may be incomplete.',
    {
      spec: field('The namespace to list rules for.', ref(`${AUTHZ}SelfSubjectRulesReviewSpec`), { required: true }),
      status: field('Filled in by the server: the rules.', ref(`${AUTHZ}SubjectRulesReviewStatus`)),
    },
  ),
  objectType(`${AUTHZ}SubjectAccessReviewSpec`, 'A request to authorize. Exactly one of the attribute sets is set.', {
    resourceAttributes,
    nonResourceAttributes,
    user: field('User name to check, e.g. system:serviceaccount:dev:builder.', string),
    groups: field('Groups of the user. They are not looked up: only the groups listed here count.', listOf(string)),
    extra: field('Extra user attributes, as an authenticator would have set them.', mapOf(listOf(string))),
    uid: field('UID of the user.', string),
  }),
  objectType(`${AUTHZ}SelfSubjectAccessReviewSpec`, 'The action to check. Exactly one attribute set is set.', {
    resourceAttributes,
    nonResourceAttributes,
  }),
  objectType(`${AUTHZ}ResourceAttributes`, 'The attributes of a resource request, as the authorizer sees them.', {
    namespace: field('Namespace of the request; empty for cluster-scoped resources and all-namespace lists.', string),
    verb: field('Verb: get, list, watch, create, update, patch, delete, deletecollection, or a custom one.', string),
    group: field('API group of the resource; "" for the core group.', string),
    version: field('API version of the resource.', string),
    resource: field('Resource name, such as pods or nodes.', string),
    subresource: field('Subresource, such as proxy for nodes/proxy or log for pods/log.', string),
    name: field('Name of the object; empty for list, watch and create.', string),
  }),
  objectType(`${AUTHZ}NonResourceAttributes`, 'The attributes of a request to a URL that is not an API resource.', {
    path: field('URL path, such as /healthz.', string),
    verb: field('Lower-case HTTP method: get, post, put, delete...', string),
  }),
  objectType(`${AUTHZ}SubjectAccessReviewStatus`, 'The authorization decision.', {
    allowed: field('True if the action is allowed.', boolean, { required: true }),
    denied: field(
      'True if an authorizer explicitly denied the action. RBAC never denies; it only has no opinion.',
      boolean,
    ),
    reason: field(
      'Why the request was allowed or not, e.g. which binding allowed it. For people, not programs.',
      string,
    ),
    evaluationError: field('Set when an authorizer failed while deciding; the decision may be incomplete.', string),
  }),
  objectType(`${AUTHZ}SelfSubjectRulesReviewSpec`, 'What to list rules for.', {
    namespace: field('Namespace to evaluate the rules in.', string),
  }),
  objectType(`${AUTHZ}SubjectRulesReviewStatus`, 'The rules that apply to the caller in the namespace.', {
    resourceRules: field('What the caller may do with resources.', listOf(ref(`${AUTHZ}ResourceRule`)), {
      required: true,
    }),
    nonResourceRules: field('What the caller may do with non-resource URLs.', listOf(ref(`${AUTHZ}NonResourceRule`)), {
      required: true,
    }),
    incomplete: field('True when some authorizer cannot list rules, so the list may miss permissions.', boolean, {
      required: true,
    }),
    evaluationError: field('Why the list may be incomplete.', string),
  }),
  objectType(`${AUTHZ}ResourceRule`, 'Verbs allowed on some resources.', {
    verbs: field('Allowed verbs; "*" means all.', listOf(string), { required: true }),
    apiGroups: field('API groups; "*" means all.', listOf(string)),
    resources: field('Resources; "*" means all.', listOf(string)),
    resourceNames: field('Object names the rule is limited to; empty means all.', listOf(string)),
  }),
  objectType(`${AUTHZ}NonResourceRule`, 'Verbs allowed on some URL paths.', {
    verbs: field('Allowed verbs; "*" means all.', listOf(string), { required: true }),
    nonResourceURLs: field('URL paths; a trailing "*" matches any suffix.', listOf(string)),
  }),
];

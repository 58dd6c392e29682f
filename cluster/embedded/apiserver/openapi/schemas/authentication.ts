// authentication.k8s.io/v1: TokenReview and SelfSubjectReview (created and answered, never
// stored) and TokenRequest (the body of the core serviceaccounts/token subresource).

import type { GroupVersionKind, TypeDef } from '../schema-dsl.js';
import { boolean, field, int64, kindType, listOf, mapOf, objectType, ref, string, time } from '../schema-dsl.js';

const AUTHN = 'io.k8s.api.authentication.v1.';
const gvk = (kind: string): GroupVersionKind => ({ group: 'authentication.k8s.io', version: 'v1', kind });

export const authenticationTypes: readonly TypeDef[] = [
  kindType(
    gvk('TokenReview'),
    `${AUTHN}TokenReview`,
    'Asks the API server who a bearer token belongs to. The kubelet uses it to authenticate callers of its API.',
    {
      spec: field('The token to check.', ref(`${AUTHN}TokenReviewSpec`), { required: true }),
      status: field('Filled in by the server: whether the token is valid, and for whom.', ref(`${AUTHN}TokenReviewStatus`)),
    },
  ),
  kindType(
    gvk('SelfSubjectReview'),
    `${AUTHN}SelfSubjectReview`,
    'Asks the API server who the caller is, after authentication and impersonation (kubectl auth whoami).',
    {
      status: field('Filled in by the server: the caller\'s user information.', ref(`${AUTHN}SelfSubjectReviewStatus`)),
    },
  ),
  kindType(
    gvk('TokenRequest'),
    `${AUTHN}TokenRequest`,
    'Requests a short-lived, audience-bound token for a service account (kubectl create token).',
    {
      spec: field('What the token is for and how long it lives.', ref(`${AUTHN}TokenRequestSpec`), { required: true }),
      status: field('Filled in by the server: the token.', ref(`${AUTHN}TokenRequestStatus`)),
    },
  ),
  objectType(`${AUTHN}TokenReviewSpec`, 'The token to review.', {
    token: field('The opaque bearer token.', string),
    audiences: field(
      'Audiences the caller accepts. The token must be valid for at least one of them; empty means the API server\'s own.',
      listOf(string),
    ),
  }),
  objectType(`${AUTHN}TokenReviewStatus`, 'The outcome of a token review.', {
    authenticated: field('True if the token is valid.', boolean),
    user: field('Who the token belongs to.', ref(`${AUTHN}UserInfo`)),
    audiences: field('The requested audiences the token is valid for.', listOf(string)),
    error: field('Why the token could not be checked.', string),
  }),
  objectType(`${AUTHN}SelfSubjectReviewStatus`, 'The caller as the API server sees it.', {
    userInfo: field('User name, UID, groups and extra attributes.', ref(`${AUTHN}UserInfo`)),
  }),
  objectType(`${AUTHN}UserInfo`, 'A user as authenticators describe it.', {
    username: field('Name that uniquely identifies the user, e.g. system:serviceaccount:dev:builder.', string),
    uid: field('Identifier that stays the same for the lifetime of the user.', string),
    groups: field('Groups the user belongs to, e.g. system:authenticated.', listOf(string)),
    extra: field('Extra attributes from the authenticator.', mapOf(listOf(string))),
  }),
  objectType(`${AUTHN}TokenRequestSpec`, 'Parameters of the requested token.', {
    audiences: field(
      'Who the token is meant for. Recipients must check that one of them is theirs.',
      listOf(string),
      { required: true },
    ),
    expirationSeconds: field('Requested lifetime in seconds; the server may shorten it.', int64),
    boundObjectRef: field(
      'An object (Pod, Secret or Node) the token is tied to: deleting it invalidates the token.',
      ref(`${AUTHN}BoundObjectReference`),
    ),
  }),
  objectType(`${AUTHN}TokenRequestStatus`, 'The issued token.', {
    token: field('The bearer token.', string, { required: true }),
    expirationTimestamp: field('When the token stops being valid.', time, { required: true }),
  }),
  objectType(`${AUTHN}BoundObjectReference`, 'The object a token is bound to.', {
    kind: field('Pod, Secret or Node.', string),
    apiVersion: field('API version of the object.', string),
    name: field('Name of the object.', string),
    uid: field('UID of the object.', string),
  }),
];

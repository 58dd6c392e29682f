// rbac.authorization.k8s.io/v1: the four RBAC kinds and their parts.

import type { GroupVersionKind, TypeDef } from '../schema-dsl.js';
import { META, field, kindType, listOf, objectType, ref, string } from '../schema-dsl.js';

const RBAC = 'io.k8s.api.rbac.v1.';
const gvk = (kind: string): GroupVersionKind => ({ group: 'rbac.authorization.k8s.io', version: 'v1', kind });

const rulesField = (owner: string) =>
  field(`The permissions this ${owner} grants. Rules only add permissions; nothing can deny.`, listOf(ref(`${RBAC}PolicyRule`)));

const subjectsField = field('The users, groups and service accounts the role is granted to.', listOf(ref(`${RBAC}Subject`)));

export const rbacTypes: readonly TypeDef[] = [
  kindType(
    gvk('ClusterRole'),
    `${RBAC}ClusterRole`,
    'A cluster-wide set of permissions. Grant it everywhere with a ClusterRoleBinding, or within one namespace ' +
      'with a RoleBinding. Only a ClusterRole can cover cluster-scoped resources (nodes, nodes/proxy) and ' +
      'non-resource URLs (/healthz).',
    {
      rules: rulesField('ClusterRole'),
      aggregationRule: field(
        'Makes this an aggregated role: the controller fills rules with the rules of every ClusterRole matching ' +
          'the selectors, and overwrites anything written to rules directly.',
        ref(`${RBAC}AggregationRule`),
      ),
    },
  ),
  kindType(
    gvk('Role'),
    `${RBAC}Role`,
    'A set of permissions inside one namespace. A RoleBinding in the same namespace grants it.',
    { rules: rulesField('Role') },
  ),
  kindType(
    gvk('ClusterRoleBinding'),
    `${RBAC}ClusterRoleBinding`,
    'Grants a ClusterRole to subjects across the whole cluster, including cluster-scoped resources.',
    {
      subjects: subjectsField,
      roleRef: field(
        'The ClusterRole being granted. It cannot be changed after creation: delete and recreate the binding instead.',
        ref(`${RBAC}RoleRef`),
        { required: true },
      ),
    },
  ),
  kindType(
    gvk('RoleBinding'),
    `${RBAC}RoleBinding`,
    'Grants a Role, or a ClusterRole, to subjects within the binding\'s namespace only. A RoleBinding never grants ' +
      'access to cluster-scoped resources such as nodes.',
    {
      subjects: subjectsField,
      roleRef: field(
        'The Role in this namespace, or the ClusterRole, being granted. Immutable after creation.',
        ref(`${RBAC}RoleRef`),
        { required: true },
      ),
    },
  ),
  objectType(
    `${RBAC}PolicyRule`,
    'One permission: the verbs allowed on some resources (or non-resource URLs). A request is allowed when a ' +
      'single rule matches its verb, API group, resource and name.',
    {
      verbs: field(
        'Verbs allowed, such as get, list, watch, create, update, patch, delete, or "*" for all. ' +
          'Matching is exact and case-sensitive.',
        listOf(string),
        { required: true },
      ),
      apiGroups: field(
        'API groups of the resources: "" is the core group (pods, nodes, secrets), "*" is any group.',
        listOf(string),
      ),
      resources: field(
        'Resources the rule covers. A subresource is written "nodes/proxy"; "*" covers every resource and ' +
          'subresource, "*/scale" one subresource of any resource. There is no "nodes/*" wildcard.',
        listOf(string),
      ),
      resourceNames: field(
        'Limits the rule to objects with these names. Requests without a name (list, watch, create, ' +
          'deletecollection) never match a rule that sets it.',
        listOf(string),
      ),
      nonResourceURLs: field(
        'URL paths that are not API resources, such as /healthz or /metrics; a trailing "*" matches any suffix. ' +
          'Only meaningful in a ClusterRole, and not together with resources.',
        listOf(string),
      ),
    },
  ),
  objectType(`${RBAC}AggregationRule`, 'Selects the ClusterRoles whose rules make up an aggregated ClusterRole.', {
    clusterRoleSelectors: field(
      'Label selectors; the rules of every ClusterRole matching any of them are combined.',
      listOf(ref(`${META}LabelSelector`)),
    ),
  }),
  objectType(`${RBAC}Subject`, 'Someone a role is granted to: a user, a group or a service account.', {
    kind: field('User, Group or ServiceAccount.', string, { required: true }),
    apiGroup: field(
      '"rbac.authorization.k8s.io" for User and Group, "" for ServiceAccount.',
      string,
    ),
    name: field(
      'Name of the user, group or service account. For a ServiceAccount, its name alone, without the ' +
        '"system:serviceaccount:" prefix.',
      string,
      { required: true },
    ),
    namespace: field(
      'Namespace of a ServiceAccount subject. Left empty in a RoleBinding, it defaults to the binding\'s namespace.',
      string,
    ),
  }),
  objectType(`${RBAC}RoleRef`, 'The role a binding grants.', {
    apiGroup: field('Always "rbac.authorization.k8s.io".', string, { required: true }),
    kind: field('Role or ClusterRole.', string, { required: true }),
    name: field('Name of the role.', string, { required: true }),
  }),
];

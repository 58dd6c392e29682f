// Shared shapes of the emulated API server. These mirror the Kubernetes wire/JSON forms
// (or the apiserver's internal attribute structs) so modules can be read next to upstream docs.

/** Any stored API object, in its JSON form. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: unknown[];
  finalizers?: string[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

/** user.Info: who a request runs as, after authentication and impersonation. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** authorizer.Attributes, as the kube-apiserver and the kubelet build them. */
export interface Attributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  /** Non-resource requests only. */
  path?: string;
  namespace?: string;
  apiGroup?: string;
  apiVersion?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** authorizer.Decision plus reason, as a SubjectAccessReview status reports it. */
export interface AuthorizationResult {
  decision: 'allow' | 'deny' | 'noOpinion';
  reason: string;
  evaluationError?: string;
}

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface ClusterRole extends KubeObject {
  rules?: PolicyRule[] | null;
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] };
}

export interface Role extends KubeObject {
  rules?: PolicyRule[] | null;
}

export interface RoleBinding extends KubeObject {
  subjects?: Subject[];
  roleRef: RoleRef;
}

export type ClusterRoleBinding = RoleBinding;

/**
 * What the RBAC authorizer reads. Implemented over the object store; the golden-case tests
 * implement it over plain arrays. Getters return undefined when the object does not exist.
 */
export interface RbacSource {
  listClusterRoleBindings(): readonly ClusterRoleBinding[];
  listRoleBindings(namespace: string): readonly RoleBinding[];
  getClusterRole(name: string): ClusterRole | undefined;
  getRole(namespace: string, name: string): Role | undefined;
  /**
   * Values that are all the same objects until some RBAC object changes, and not after: lets the
   * authorizer keep each user's resolved bindings between requests. Without it nothing is kept.
   */
  stateStamp?(): readonly unknown[];
}

/** Anything that decides requests: RBAC, the privileged-group check, their union. */
export interface Authorizer {
  authorize(attrs: Attributes): AuthorizationResult;
}

/** One API resource as discovery, request info, storage and OpenAPI see it. */
export interface ResourceDef {
  group: string; // "" for core
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceDef[];
  /**
   * stored: full CRUD against the object store.
   * review: create-only, answered and never stored (SSAR, TokenReview...).
   * listed: in discovery so kubectl's RESTMapper resolves it; served generically from the store.
   */
  storage: 'stored' | 'review' | 'listed';
  /** The warning kube-apiserver adds to every request for a deprecated kind (k8s.io/apiserver deprecation.go). */
  deprecationWarning?: string;
}

export interface SubresourceDef {
  name: string; // e.g. "proxy", "status", "token"
  kind: string; // e.g. "NodeProxyOptions", "TokenRequest"
  group?: string; // set when the response kind lives in another group (TokenRequest)
  version?: string;
  verbs: string[];
}

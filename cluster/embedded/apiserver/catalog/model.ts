// The authored shape of the resource catalog: API groups, their versions and resources, written
// as data. Per-release differences are separate data (releases.ts), applied on top of the base.

import type { ResourceDef, SubresourceDef } from '../types.js';

/** Where the real kube-apiserver keeps a resource in etcd, when it differs from the default. */
export type StoredAs =
  /** Encoded in another group or version (events.k8s.io events live as core v1 Events). */
  | { group: string; version: string }
  /** Never written to etcd (reviews, bindings, componentstatuses): discovery shows no hash. */
  | 'notPersisted'
  /** We could not confirm the release's storage version: omit the hash rather than invent it. */
  | 'unverified';

/** One top-level resource as authored. `storage` is how kubelab serves it (see ResourceDef). */
export interface ResourceSpec extends Omit<ResourceDef, 'group' | 'version'> {
  /** Defaults to the group's preferred version in that release (what kube-apiserver does). */
  storedAs?: StoredAs;
}

export interface VersionSpec {
  version: string;
  /** APIService versionPriority: higher is listed first; the first listed is preferred. */
  priority: number;
  resources: readonly ResourceSpec[];
}

export interface GroupSpec {
  /** "" for the core (legacy) group served under /api. */
  name: string;
  /**
   * APIService groupPriorityMinimum: /apis lists groups by it, highest first, ties by name
   * (cmd/kube-apiserver/app/aggregator.go, kube-aggregator helper.SortedByGroupAndVersion).
   */
  priority: number;
  /** kube-aggregator always lists its own group first, ahead of every APIService. */
  listedFirst?: boolean;
  versions: readonly VersionSpec[];
}

export const CRUD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const CREATE_ONLY = ['create'];
/** status, scale, approval, ephemeralcontainers, resize: read and write the parent. */
export const READ_WRITE = ['get', 'patch', 'update'];
/** nodes/proxy, pods/proxy, services/proxy: every method is forwarded. */
export const PROXY_VERBS = ['create', 'delete', 'get', 'patch', 'update'];
/** pods/exec, attach, portforward: a POST, or a GET carrying a WebSocket upgrade. */
export const CONNECT_VERBS = ['create', 'get'];

export function statusOf(kind: string): SubresourceDef {
  return { name: 'status', kind, verbs: READ_WRITE };
}

/** The /scale subresource always answers with autoscaling/v1 Scale. */
export const SCALE: SubresourceDef = {
  name: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  verbs: READ_WRITE,
};

export interface ResourceOptions {
  namespaced: boolean;
  /** Defaults to the full CRUD set. */
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceDef[];
  /** Defaults to 'listed'. */
  storage?: ResourceDef['storage'];
  storedAs?: StoredAs;
  deprecationWarning?: string;
}

/** A top-level resource; the singular name of every built-in is its lower-cased kind. */
export function resource(kind: string, plural: string, options: ResourceOptions): ResourceSpec {
  const { storage = 'listed', verbs = CRUD_VERBS, ...rest } = options;
  return { kind, plural, singular: kind.toLowerCase(), verbs, storage, ...rest };
}

/** A create-only review: answered from the request, never stored. */
export function review(kind: string, plural: string, namespaced = false): ResourceSpec {
  return resource(kind, plural, { namespaced, verbs: CREATE_ONLY, storage: 'review', storedAs: 'notPersisted' });
}

// The API client of the in-process controllers. kube-controller-manager writes through the API
// like any client, so its objects get the same defaults, admission, generation bumps, graceful
// deletion and managed fields ("kube-controller-manager", Update) as a kubectl write would; here
// the writes go through the same GenericRegistry paths, minus HTTP.

import type { IncomingMessage } from 'node:http';
import type { KubeObject, ResourceDef, UserInfo } from '../types.js';
import type { RequestInfo } from '../request-info.js';
import { ApiError, conflict, notFoundPath } from '../status.js';
import { randomSuffix } from '../names.js';
import type { GenericRegistry, ResourceRequest } from './generic.js';

/** The user agent's product, which the apiserver records as the field manager. */
export const CONTROLLER_MANAGER = 'kube-controller-manager';

/** A resource as the controllers address it. */
export interface ResourceTarget {
  group: string;
  version: string;
  plural: string;
}

export const PODS: ResourceTarget = { group: '', version: 'v1', plural: 'pods' };
export const REPLICA_SETS: ResourceTarget = { group: 'apps', version: 'v1', plural: 'replicasets' };
export const DEPLOYMENTS: ResourceTarget = { group: 'apps', version: 'v1', plural: 'deployments' };

export interface InternalClientDeps {
  registry: GenericRegistry;
  lookup(group: string, version: string, plural: string): ResourceDef | undefined;
}

/**
 * Stands in for the HTTP request where the registry would read one: every write here names its
 * field manager, and a delete has no body (DeleteOptions defaults).
 */
const NO_REQUEST = { headers: {}, readableEnded: true } as unknown as IncomingMessage;

/** Tries for a free generated name before giving up (names.SimpleNameGenerator has 27^5). */
const GENERATE_NAME_ATTEMPTS = 5;

export class InternalClient {
  constructor(
    private readonly deps: InternalClientDeps,
    /** The controller's identity (kind runs kube-controller-manager with per-controller ServiceAccounts). */
    private readonly user: UserInfo,
  ) {}

  /** Creates the object, generating its name from metadata.generateName when it has none. Throws ApiError. */
  create(target: ResourceTarget, obj: KubeObject): KubeObject {
    const namespace = obj.metadata.namespace ?? '';
    // The registry's strategies fill the object in place; what the caller holds stays as it was.
    const createNamed = (name: string) =>
      this.deps.registry.createObject(this.request(target, 'create', namespace, name), structuredClone({ ...obj, metadata: { ...obj.metadata, name } }), { recordUpdate: true }).object;
    if (obj.metadata.name) return createNamed(obj.metadata.name);
    for (let attempt = 1; ; attempt++) {
      try {
        return createNamed(`${obj.metadata.generateName ?? ''}${randomSuffix()}`);
      } catch (e) {
        const taken = e instanceof ApiError && e.reason === 'AlreadyExists';
        if (!taken || attempt >= GENERATE_NAME_ATTEMPTS) throw e;
      }
    }
  }

  /** PUT of the whole object, as read and changed: a Conflict when it changed since (optimistic concurrency). */
  update(target: ResourceTarget, obj: KubeObject): KubeObject {
    return this.write(target, '', obj);
  }

  /** PUT to <kind>/status, with the same precondition. */
  updateStatus(target: ResourceTarget, obj: KubeObject): KubeObject {
    return this.write(target, 'status', obj);
  }

  /** DELETE with default options: graceful where the kind is, held by finalizers. Throws ApiError. */
  async delete(target: ResourceTarget, namespace: string | undefined, name: string): Promise<void> {
    await this.deps.registry.delete(this.request(target, 'delete', namespace ?? '', name));
  }

  private write(target: ResourceTarget, subresource: string, obj: KubeObject): KubeObject {
    const r = this.request(target, 'update', obj.metadata.namespace ?? '', obj.metadata.name ?? '', subresource);
    const live = this.deps.registry.get(r);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== live.metadata.resourceVersion) {
      throw conflict(target.group, target.plural, obj.metadata.name ?? '', 'the object has been modified; please apply your changes to the latest version and try again');
    }
    return this.deps.registry.updateObject(r, structuredClone(obj), live, { recordUpdate: true }).object;
  }

  private request(target: ResourceTarget, verb: string, namespace: string, name: string, subresource = ''): ResourceRequest {
    const def = this.deps.lookup(target.group, target.version, target.plural);
    if (!def) throw notFoundPath();
    const info: RequestInfo = {
      isResourceRequest: true,
      path: '',
      verb,
      apiPrefix: target.group ? 'apis' : 'api',
      apiGroup: target.group,
      apiVersion: target.version,
      namespace,
      resource: target.plural,
      subresource,
      name,
      parts: [],
    };
    return { def, info, user: this.user, query: new URLSearchParams({ fieldManager: CONTROLLER_MANAGER }), req: NO_REQUEST };
  }
}

// Serves resource requests once the filters have passed: finds the resource in the version's
// catalog, checks the verb, and hands the request to the registry, a review, the token
// subresource, the node proxy or the pod subresources the kubelet serves (log, exec, attach,
// portforward). Output is JSON, a server-side Table, a watch stream, or the kubelet's stream.

import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeObject, ResourceDef } from './types.js';
import type { RequestScope } from './server.js';
import { ApiError, methodNotAllowed, methodNotSupported, notFound, notFoundPath } from './status.js';
import { getComponentStatus, listComponentStatuses } from './component-statuses.js';
import { sendJson, setWarnings } from './respond.js';
import { GenericRegistry, apiVersionOf, objectNamespace, type ListResult, type ResourceRequest } from './registry/generic.js';
import { decodeObject, readBody } from './registry/body.js';
import { accessReview, rulesReview, selfSubjectReview, tokenReview, type ReviewDeps } from './registry/reviews.js';
import { createToken } from './registry/token-request.js';
import { resourceKey, type ObjectStore } from './storage/store.js';
import type { ServiceAccountTokens } from './serviceaccount/tokens.js';
import { parseTableAccept, toTable, type TableVersion, type ToTableOptions } from './printers/table.js';
import { tableOptionsFor } from './table-options.js';
import { serveWatch } from './watch.js';
import type { NodeProxy } from './node-proxy.js';
import { PodSubresources } from './pod-subresources/pod-subresources.js';
import { serveScale, servesScale } from './registry/scale.js';

export interface ResourceCatalogView {
  lookup(group: string, version: string, plural: string): ResourceDef | undefined;
}

export interface ResourceHandlerDeps {
  catalog: ResourceCatalogView;
  registry: GenericRegistry;
  store: ObjectStore;
  reviews: ReviewDeps;
  tokens: ServiceAccountTokens;
  nodeProxy: NodeProxy;
  /** pods/log, exec, attach and portforward: what the kubelet serves. */
  pods: PodSubresources;
  clock(): Date;
  /** The WatchList feature gate: whether a watch may stream its initial state (sendInitialEvents). */
  watchList: boolean;
}

/** Subresources that read and write the parent object itself. */
const SAME_OBJECT_SUBRESOURCES = new Set(['status', 'finalize']);

export class ResourceHandler {
  constructor(private readonly deps: ResourceHandlerDeps) {}

  async resource(scope: RequestScope, res: ServerResponse): Promise<void> {
    const { info } = scope;
    const def = this.deps.catalog.lookup(info.apiGroup, info.apiVersion, info.resource);
    if (!def) throw notFoundPath();
    const r: ResourceRequest = { def, info, user: scope.user, query: scope.query, req: scope.req };
    // Set before anything can fail: kube-apiserver's warning goes with every answer, errors included.
    setWarnings(res, def.deprecationWarning ? [def.deprecationWarning] : undefined);

    if (info.subresource) {
      if (!SAME_OBJECT_SUBRESOURCES.has(info.subresource)) {
        await this.subresource(r, res);
        return;
      }
      // status and finalize act on the object itself, where the resource has them and for their verbs only.
      this.checkSubresourceVerb(def.group, info.apiVersion, def.plural, info.subresource, info.verb);
    }
    if (def.storage === 'review') {
      await this.review(r, res);
      return;
    }
    if (!def.verbs.includes(info.verb)) {
      // A watch is a list request with ?watch: its route is there, the handler refuses it.
      throw info.verb === 'watch' && def.verbs.includes('list') ? methodNotSupported(def.group, def.plural, info.verb) : methodNotAllowed();
    }
    if (def.group === '' && def.plural === 'componentstatuses') {
      this.componentStatuses(r, res);
      return;
    }
    await this.crud(r, res);
  }

  async upgrade(scope: RequestScope, socket: Duplex, head: Buffer): Promise<void> {
    const { info } = scope;
    if (info.apiGroup === '' && info.resource === 'nodes' && info.subresource === 'proxy') {
      await this.deps.nodeProxy.upgrade(info.name, proxiedPath(scope.req.url ?? '', info.name), scope, socket, head);
      return;
    }
    if (info.apiGroup === '' && info.resource === 'pods' && info.name && PodSubresources.streams(info.subresource)) {
      this.checkSubresourceVerb(info.apiGroup, info.apiVersion, info.resource, info.subresource, info.verb);
      await this.deps.pods.upgrade(scope, socket, head);
      return;
    }
    throw new ApiError(400, 'BadRequest', 'Upgrade request required');
  }

  private async crud(r: ResourceRequest, res: ServerResponse): Promise<void> {
    const registry = this.deps.registry;
    switch (r.info.verb) {
      case 'get':
        return this.sendObject(r, res, 200, registry.get(r));
      case 'list':
        return this.sendList(r, res, registry.list(r));
      case 'watch':
        return serveWatch(r, res, this.deps.store, registry.matcher(r), {
          table: parseTableAccept(r.req.headers.accept),
          now: this.deps.clock,
          watchList: this.deps.watchList,
        });
      case 'create': {
        const created = await registry.create(r);
        return this.sendObject(r, res, created.status, created.object);
      }
      case 'update': {
        const updated = await registry.update(r);
        return this.sendObject(r, res, updated.status, updated.object);
      }
      case 'patch': {
        const patched = await registry.patch(r);
        return this.sendObject(r, res, patched.status, patched.object);
      }
      case 'delete': {
        const deleted = await registry.delete(r);
        return sendJson(res, deleted.status, deleted.object);
      }
      case 'deletecollection':
        return this.sendList(r, res, await registry.deleteCollection(r));
      default:
        throw methodNotSupported(r.def.group, r.def.plural, r.info.verb);
    }
  }

  /** Probed on every request, never stored: a list has no resourceVersion. */
  private componentStatuses(r: ResourceRequest, res: ServerResponse): void {
    if (r.info.verb === 'get') {
      this.sendObject(r, res, 200, getComponentStatus(r.info.name));
      return;
    }
    this.sendList(r, res, { items: listComponentStatuses().filter(this.deps.registry.matcher(r)), resourceVersion: '' });
  }

  private async review(r: ResourceRequest, res: ServerResponse): Promise<void> {
    if (r.info.verb !== 'create') throw methodNotAllowed();
    const body = decodeObject(await readBody(r.req), r.req.headers['content-type']);
    const deps = this.deps.reviews;
    let result: KubeObject;
    switch (r.def.kind) {
      case 'SelfSubjectAccessReview':
      case 'SubjectAccessReview':
      case 'LocalSubjectAccessReview':
        result = accessReview(r.def.kind, body, r.user, r.info.namespace, deps);
        break;
      case 'SelfSubjectRulesReview':
        result = rulesReview(body, r.user, deps);
        break;
      case 'TokenReview':
        result = await tokenReview(body, deps);
        break;
      case 'SelfSubjectReview':
        result = selfSubjectReview(r.user);
        break;
      default:
        throw notFoundPath();
    }
    sendJson(res, 201, result);
  }

  private async subresource(r: ResourceRequest, res: ServerResponse): Promise<void> {
    const { info } = r;
    const sub = r.def.subresources?.find((s) => s.name === info.subresource);
    if (!sub || !info.name) throw notFoundPath();
    if (r.def.group === '' && r.def.plural === 'nodes' && sub.name === 'proxy') {
      await this.deps.nodeProxy.forward(info.name, proxiedPath(r.req.url ?? '', info.name), r, res);
      return;
    }
    if (r.def.group === '' && r.def.plural === 'serviceaccounts' && sub.name === 'token') {
      if (info.verb !== 'create') throw methodNotAllowed();
      const body = decodeObject(await readBody(r.req), r.req.headers['content-type']);
      const dryRun = r.query.getAll('dryRun').includes('All');
      sendJson(res, 201, await createToken(info.namespace, info.name, body, r.user, this.deps.store, this.deps.tokens, dryRun));
      return;
    }
    if (r.def.group === '' && r.def.plural === 'pods' && PodSubresources.serves(sub.name)) {
      if (!sub.verbs.includes(info.verb)) throw methodNotAllowed();
      await this.deps.pods.serve(info, r.user, r.query, res);
      return;
    }
    if (sub.name === 'scale' && servesScale(r)) {
      const scaled = await serveScale(r, this.deps.registry);
      sendJson(res, scaled.status, scaled.object);
      return;
    }
    // Other subresources served elsewhere (pods/proxy, services/proxy...) need the object first.
    if (!this.deps.store.get(resourceKey(r.def.group, r.def.plural), objectNamespace(r), info.name)) {
      throw notFound(r.def.group, r.def.plural, info.name);
    }
    throw methodNotSupported(r.def.group, `${r.def.plural}/${sub.name}`, info.verb);
  }

  /** An upgrade reaches only subresources the version serves, with a verb they allow. */
  private checkSubresourceVerb(group: string, version: string, plural: string, subresource: string, verb: string): void {
    const sub = this.deps.catalog.lookup(group, version, plural)?.subresources?.find((s) => s.name === subresource);
    if (!sub) throw notFoundPath();
    if (!sub.verbs.includes(verb)) throw methodNotAllowed();
  }

  private sendObject(r: ResourceRequest, res: ServerResponse, status: number, obj: KubeObject): void {
    setWarnings(res, r.warnings);
    const table = parseTableAccept(r.req.headers.accept);
    if (table) {
      sendJson(res, status, toTable(r.def.plural, r.def.group, [obj], this.tableOptions(r, table.version, { list: false })));
      return;
    }
    sendJson(res, status, { apiVersion: apiVersionOf(r.def), kind: r.def.kind, ...obj });
  }

  private tableOptions(r: ResourceRequest, version: TableVersion, extra: Pick<ToTableOptions, 'list'> & Partial<ToTableOptions>): ToTableOptions {
    return tableOptionsFor(r, version, this.deps.clock(), extra);
  }

  private sendList(r: ResourceRequest, res: ServerResponse, list: ListResult): void {
    const table = parseTableAccept(r.req.headers.accept);
    if (table) {
      const options = this.tableOptions(r, table.version, { list: true, resourceVersion: list.resourceVersion });
      if (list.continueToken) options.continue = list.continueToken;
      if (list.remainingItemCount !== undefined) options.remainingItemCount = list.remainingItemCount;
      sendJson(res, 200, toTable(r.def.plural, r.def.group, list.items, options));
      return;
    }
    const metadata: Record<string, unknown> = list.resourceVersion ? { resourceVersion: list.resourceVersion } : {};
    if (list.continueToken) metadata.continue = list.continueToken;
    if (list.remainingItemCount !== undefined) metadata.remainingItemCount = list.remainingItemCount;
    sendJson(res, 200, {
      kind: `${r.def.kind}List`,
      apiVersion: apiVersionOf(r.def),
      metadata,
      // Real list responses leave kind/apiVersion off the items; kubectl fills them in.
      items: list.items.map(withoutTypeMeta),
    });
  }
}

function withoutTypeMeta(o: KubeObject): Omit<KubeObject, 'kind' | 'apiVersion'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { kind, apiVersion, ...rest } = o;
  return rest;
}

/**
 * The kubelet path and query of a node-proxy URL, trailing slash kept (it matters to the
 * kubelet: /runningpods/ vs /runningpods): "/api/v1/nodes/n/proxy/pods?x=1" → "/pods?x=1".
 */
function proxiedPath(url: string, node: string): string {
  const marker = `/nodes/${node}/proxy`;
  const rest = url.slice(url.indexOf(marker) + marker.length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

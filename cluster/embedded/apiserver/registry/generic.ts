// The generic registry: create, get, list, update, patch, delete and deletecollection over the
// object store, with namespace lifecycle admission, per-kind strategies and dry-run, returning
// what kube-apiserver's generic registry returns (201/200 bodies, Status on delete, errors).

import { listOptionsOf, validateListOptions } from './list-options.js';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Authorizer, KubeObject, ResourceDef, UserInfo } from '../types.js';
import type { RequestInfo } from '../request-info.js';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  notFound,
  type FieldError,
} from '../status.js';
import { formatTime, resourceKey, type ObjectStore } from '../storage/store.js';
import type { Strategy, StrategyContext } from './strategy.js';
import { decodeObject, mediaType, readBody } from './body.js';
import { parseFieldSelector, parseLabelSelector, type FieldSelectorSpec } from './selectors.js';
import { applyPatch } from '../patch/patch.js';
import { recordUpdate } from '../patch/managed-fields.js';
import type { JsonObject } from '../patch/json.js';
import { randomSuffix } from '../names.js';
import { jsonTooDeep, yamlTooDeep } from './nesting.js';
import { dropUnknownFields, strictDecodingError } from '../openapi/unknown-fields.js';
import { planDeletion, requestedDeletion, type RequestedDeletion } from './deletion.js';

export interface ResourceRequest {
  def: ResourceDef;
  info: RequestInfo;
  user: UserInfo;
  query: URLSearchParams;
  req: IncomingMessage;
  /** Warnings for the response's Warning headers (unknown fields under fieldValidation=Warn). */
  warnings?: string[];
}

export interface ObjectResult {
  status: number;
  object: KubeObject;
}

export interface ListResult {
  items: readonly KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

export interface RegistryDeps {
  store: ObjectStore;
  authorizer: Authorizer;
  strategyFor(def: ResourceDef): Strategy | undefined;
  fieldSelectorsFor(def: ResourceDef): FieldSelectorSpec;
  clock(): Date;
}

const NAMESPACES = resourceKey('', 'namespaces');

export class GenericRegistry {
  constructor(private readonly deps: RegistryDeps) {}

  get(r: ResourceRequest): KubeObject {
    const obj = this.deps.store.get(key(r.def), objectNamespace(r), r.info.name);
    if (!obj) throw notFound(r.def.group, r.def.plural, r.info.name);
    return obj;
  }

  list(r: ResourceRequest): ListResult {
    validateListOptions(listOptionsOf(r.query, false), false);
    const matches = this.selected(r);
    const limit = Number(r.query.get('limit') ?? '0');
    const start = decodeContinue(r.query.get('continue'));
    const revision = this.deps.store.currentRevision;
    if (!(limit > 0) || matches.length - start <= limit) {
      return { items: matches.slice(start), resourceVersion: revision };
    }
    const end = start + limit;
    return {
      items: matches.slice(start, end),
      resourceVersion: revision,
      continueToken: encodeContinue(end),
      remainingItemCount: matches.length - end,
    };
  }

  /** Objects a list/deletecollection selects (namespace, label and field selectors). */
  selected(r: ResourceRequest): KubeObject[] {
    const matches = this.matcher(r);
    return this.deps.store.list(key(r.def)).filter(matches);
  }

  /** The request's selection as a predicate, for lists and for watch events. */
  matcher(r: ResourceRequest): (obj: KubeObject) => boolean {
    const labels = parseLabelSelector(r.query.get('labelSelector'));
    const fields = parseFieldSelector(r.query.get('fieldSelector'), this.deps.fieldSelectorsFor(r.def));
    const namespace = r.def.namespaced ? r.info.namespace : '';
    return (o) => (!namespace || o.metadata.namespace === namespace) && labels(o) && fields(o);
  }

  async create(r: ResourceRequest): Promise<ObjectResult> {
    const obj = this.checkedBody(r, decodeObject(await readBody(r.req), r.req.headers['content-type']));
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = obj.metadata.generateName + randomSuffix();
    }
    return this.createObject(r, obj, { recordUpdate: true });
  }

  /**
   * Create path shared by POST and server-side apply of a missing object. A POST records its
   * manager's fields here; a patch engine has already recorded them.
   */
  createObject(r: ResourceRequest, obj: KubeObject, opts: { recordUpdate: boolean }): ObjectResult {
    const ctx = this.context(r);
    this.admitNamespace(r, obj);
    const strategy = this.deps.strategyFor(r.def);
    if (r.def.namespaced) obj.metadata.namespace = r.info.namespace;
    else delete obj.metadata.namespace;
    delete obj.metadata.resourceVersion;
    delete obj.metadata.uid;
    delete obj.metadata.creationTimestamp;
    delete obj.metadata.deletionTimestamp;
    if (strategy?.tracksGeneration) obj.metadata.generation = 1;
    strategy?.prepareForCreate?.(obj, ctx);
    const errors: FieldError[] = [];
    if (!obj.metadata.name) {
      errors.push({ type: 'FieldValueRequired', field: 'metadata.name', detail: 'Required value: name or generateName is required' });
    }
    errors.push(...(strategy?.validate?.(obj, ctx) ?? []));
    if (errors.length) throw invalid(r.def.group, r.def.kind, obj.metadata.name ?? '', errors);
    strategy?.admit?.(obj, undefined, ctx);
    const name = obj.metadata.name!;
    if (this.deps.store.get(key(r.def), obj.metadata.namespace, name)) throw alreadyExists(r.def.group, r.def.plural, name);
    if (opts.recordUpdate) obj = withUpdateRecorded(r, undefined, obj, ctx.now);
    if (isDryRun(r.query)) {
      return {
        status: 201,
        object: { ...obj, metadata: { ...obj.metadata, uid: randomUUID(), creationTimestamp: formatTime(ctx.now) } },
      };
    }
    return { status: 201, object: this.deps.store.create(key(r.def), obj) };
  }

  async update(r: ResourceRequest): Promise<ObjectResult> {
    const obj = this.checkedBody(r, decodeObject(await readBody(r.req), r.req.headers['content-type']));
    if (obj.metadata.name !== r.info.name) {
      throw badRequest(`the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${r.info.name})`);
    }
    const live = this.deps.store.get(key(r.def), objectNamespace(r), r.info.name);
    if (!live) throw notFound(r.def.group, r.def.plural, r.info.name);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== live.metadata.resourceVersion) {
      throw conflict(r.def.group, r.def.plural, r.info.name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    return this.updateObject(r, obj, live, { recordUpdate: true });
  }

  async patch(r: ResourceRequest): Promise<ObjectResult> {
    const body = await readBody(r.req);
    const type = mediaType(r.req.headers['content-type']);
    const live = this.deps.store.get(key(r.def), objectNamespace(r), r.info.name);
    const isApply = type === 'application/apply-patch+yaml';
    if (!live && !isApply) throw notFound(r.def.group, r.def.plural, r.info.name);
    const fieldManager = r.query.get('fieldManager') ?? undefined;
    if (isApply && !fieldManager) {
      throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    }
    // Keep bodies the patch engines would recurse too deep on away from them.
    const tooDeep = isApply ? yamlTooDeep(body.toString('utf8')) : jsonTooDeep(body.toString('utf8'));
    if (tooDeep) throw badRequest(isApply ? `error decoding YAML: ${tooDeep}` : tooDeep); // the apply patcher's wording
    const base: KubeObject = live ?? { apiVersion: apiVersionOf(r.def), kind: r.def.kind, metadata: { name: r.info.name } };
    const result = applyPatch(type, base, body, {
      kind: r.def.kind,
      fieldManager: fieldManager ?? userAgentManager(r),
      force: r.query.get('force') === 'true',
      now: this.deps.clock(),
    });
    if ('error' in result) throw new ApiError(result.error.code, result.error.reason, result.error.message, result.error.details);
    const patched = result.object as KubeObject;
    if (!live) {
      patched.metadata = { ...patched.metadata, name: r.info.name };
      return this.createObject(r, patched, { recordUpdate: false });
    }
    if (patched.metadata.name !== r.info.name) {
      throw badRequest(`the name of the object (${patched.metadata.name ?? ''}) does not match the name on the URL (${r.info.name})`);
    }
    return this.updateObject(r, patched, live, { recordUpdate: false });
  }

  /** Update path shared by PUT and PATCH (whose engine has already recorded managed fields). */
  updateObject(r: ResourceRequest, obj: KubeObject, live: KubeObject, opts: { recordUpdate: boolean }): ObjectResult {
    const ctx = this.context(r);
    const strategy = this.strategyFor(r);
    // Server-owned metadata carries over; clients cannot change it. Deletion is marked by DELETE only.
    obj.metadata = {
      ...obj.metadata,
      uid: live.metadata.uid,
      creationTimestamp: live.metadata.creationTimestamp,
      namespace: live.metadata.namespace,
      resourceVersion: live.metadata.resourceVersion,
      deletionTimestamp: live.metadata.deletionTimestamp,
      deletionGracePeriodSeconds: live.metadata.deletionGracePeriodSeconds,
    };
    if (!r.def.namespaced) delete obj.metadata.namespace;
    if (live.metadata.deletionTimestamp === undefined) delete obj.metadata.deletionTimestamp;
    if (live.metadata.deletionGracePeriodSeconds === undefined) delete obj.metadata.deletionGracePeriodSeconds;
    if (live.metadata.generation !== undefined) obj.metadata.generation = live.metadata.generation;
    strategy?.prepareForUpdate?.(obj, live, ctx);
    if (strategy?.tracksGeneration && specChanged(obj, live)) obj.metadata.generation = (live.metadata.generation ?? 0) + 1;
    const errors = [...newFinalizersWhileDeleting(obj, live), ...(strategy?.validateUpdate?.(obj, live, ctx) ?? strategy?.validate?.(obj, ctx) ?? [])];
    if (errors.length) throw invalid(r.def.group, r.def.kind, r.info.name, errors);
    strategy?.admit?.(obj, live, ctx);
    if (opts.recordUpdate) obj = withUpdateRecorded(r, live, obj, ctx.now);
    if (isDryRun(r.query)) return { status: 200, object: obj };
    if (sameContent(obj, live)) return { status: 200, object: live };
    if (finalizedByUpdate(obj, live)) {
      // The update emptied the finalizers of an object whose deletion waited only on them.
      this.deps.store.delete(key(r.def), live.metadata.namespace, r.info.name);
      return { status: 200, object: obj };
    }
    return { status: 200, object: this.deps.store.update(key(r.def), obj) };
  }

  /** The kind's strategy, or its status strategy for a write to <kind>/status. */
  private strategyFor(r: ResourceRequest): Strategy | undefined {
    const strategy = this.deps.strategyFor(r.def);
    if (r.info.subresource !== 'status') return strategy;
    return strategy?.status ?? KEEP_SPEC;
  }

  async delete(r: ResourceRequest): Promise<{ status: number; object: KubeObject | StatusSuccess }> {
    const requested = await this.requestedDeletion(r);
    const live = this.deps.store.get(key(r.def), objectNamespace(r), r.info.name);
    if (!live) throw notFound(r.def.group, r.def.plural, r.info.name);
    this.deps.strategyFor(r.def)?.admit?.(live, live, this.context(r));
    if (isDryRun(r.query)) return { status: 200, object: statusSuccess(r.def, live) };
    return { status: 200, object: this.deleteOne(r.def, live, requested) };
  }

  async deleteCollection(r: ResourceRequest): Promise<ListResult> {
    const requested = await this.requestedDeletion(r);
    const victims = this.selected(r);
    if (!isDryRun(r.query)) for (const v of victims) this.deleteOne(r.def, v, requested);
    return { items: victims, resourceVersion: this.deps.store.currentRevision };
  }

  /** The DeleteOptions of the request (body or query): grace period and propagation policy. */
  private async requestedDeletion(r: ResourceRequest): Promise<RequestedDeletion> {
    const body = await readBody(r.req);
    return requestedDeletion(body.length ? decodeObject(body, r.req.headers['content-type']) : undefined, r.query);
  }

  /**
   * Removes the object, or marks its deletion and leaves the rest to whoever finishes it (the
   * namespace controller, the node's kubelet, the owner of a finalizer), as on a real cluster.
   */
  private deleteOne(def: ResourceDef, live: KubeObject, requested: RequestedDeletion): KubeObject | StatusSuccess {
    const resource = key(def);
    if (def.group === '' && def.plural === 'namespaces') return this.markNamespaceDeleted(live);
    const strategy = this.deps.strategyFor(def);
    const plan = planDeletion(live, requested, strategy?.gracePeriod?.bind(strategy), this.deps.clock());
    switch (plan.action) {
      case 'keep':
        return live;
      case 'mark':
        return this.deps.store.update(resource, plan.object);
      case 'remove': {
        const removed = this.deps.store.delete(resource, live.metadata.namespace, live.metadata.name ?? '') ?? live;
        return strategy?.returnsDeletedObject ? removed : statusSuccess(def, live);
      }
    }
  }

  /** A namespace is marked Terminating; the namespace controller empties it, then removes it. */
  private markNamespaceDeleted(live: KubeObject): KubeObject {
    if (live.metadata.deletionTimestamp) return live;
    const marked: KubeObject = {
      ...live,
      metadata: { ...live.metadata, deletionTimestamp: formatTime(this.deps.clock()) },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Terminating' },
    };
    return this.deps.store.update(NAMESPACES, marked);
  }

  private context(r: ResourceRequest): StrategyContext {
    return {
      user: r.user,
      namespace: objectNamespace(r) ?? '',
      store: this.deps.store,
      authorizer: this.deps.authorizer,
      now: this.deps.clock(),
    };
  }

  /** NamespaceLifecycle admission: the namespace must exist and not be terminating. */
  private admitNamespace(r: ResourceRequest, obj: KubeObject): void {
    if (!r.def.namespaced) return;
    const ns = this.deps.store.get(NAMESPACES, undefined, r.info.namespace);
    if (!ns) throw notFound('', 'namespaces', r.info.namespace);
    if (ns.metadata.deletionTimestamp) {
      throw forbidden(
        r.def.group,
        r.def.plural,
        obj.metadata.name ?? '',
        `unable to create new content in namespace ${r.info.namespace} because it is being terminated`,
      );
    }
  }

  /** The decoded body as an object of this endpoint's kind, in this request's namespace. */
  private checkedBody(r: ResourceRequest, raw: Record<string, unknown>): KubeObject {
    const expected = apiVersionOf(r.def);
    const apiVersion = raw.apiVersion as string | undefined;
    const kind = raw.kind as string | undefined;
    if (apiVersion && apiVersion !== expected) {
      throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${expected})`);
    }
    if (kind && kind !== r.def.kind) {
      throw badRequest(`${kind} in version "${r.def.version}" cannot be handled as a ${r.def.kind}: the kind in the data does not match`);
    }
    const known = this.knownFields(r, raw);
    const metadata = (typeof known.metadata === 'object' && known.metadata !== null ? known.metadata : {}) as KubeObject['metadata'];
    if (r.def.namespaced && metadata.namespace && r.info.namespace && metadata.namespace !== r.info.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    return { ...known, apiVersion: expected, kind: r.def.kind, metadata: { ...metadata } };
  }

  /**
   * The body as the typed decoder leaves it: unknown fields dropped, and reported as
   * fieldValidation asks (Strict fails, Warn, the default, warns, Ignore says nothing).
   */
  private knownFields(r: ResourceRequest, raw: Record<string, unknown>): Record<string, unknown> {
    const { object, unknown } = dropUnknownFields({ group: r.def.group, version: r.def.version, kind: r.def.kind }, raw);
    if (unknown.length === 0) return object;
    const directive = r.query.get('fieldValidation') ?? 'Warn';
    if (directive === 'Strict') {
      throw badRequest(`${r.def.kind} in version "${r.def.version}" cannot be handled as a ${r.def.kind}: ${strictDecodingError(unknown)}`);
    }
    if (directive !== 'Ignore') (r.warnings ??= []).push(...unknown.map((p) => `unknown field ${JSON.stringify(p)}`));
    return object;
  }
}

export interface StatusSuccess {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success';
  details: { name: string; group?: string; kind: string; uid: string };
}

function statusSuccess(def: ResourceDef, obj: KubeObject): StatusSuccess {
  const details: StatusSuccess['details'] = { name: obj.metadata.name ?? '', kind: def.plural, uid: obj.metadata.uid ?? '' };
  if (def.group) details.group = def.group;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

export function apiVersionOf(def: ResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/**
 * The namespace an object of this request lives in. A cluster-scoped object has none, even
 * where request info sets one: GET /api/v1/namespaces/dev resolves to namespace "dev" (for
 * authorization, as upstream), yet names the cluster-scoped Namespace "dev".
 */
export function objectNamespace(r: Pick<ResourceRequest, 'def' | 'info'>): string | undefined {
  return r.def.namespaced ? r.info.namespace : undefined;
}

function key(def: ResourceDef): string {
  return resourceKey(def.group, def.plural);
}

function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

/**
 * The object with its writer's Update entry in managedFields, as the apiserver's field manager
 * records every create and update: the fieldManager parameter, else the user agent's product.
 */
function withUpdateRecorded(r: ResourceRequest, live: KubeObject | undefined, obj: KubeObject, now: Date): KubeObject {
  const options = { manager: r.query.get('fieldManager') ?? userAgentManager(r), kind: r.def.kind, apiVersion: apiVersionOf(r.def), now };
  return recordUpdate(live as JsonObject | undefined, obj as unknown as JsonObject, options) as unknown as KubeObject;
}

/** managerOrUserAgent: "kubectl/v1.33.1 (linux/amd64) ..." → "kubectl". */
function userAgentManager(r: ResourceRequest): string {
  return (r.req.headers['user-agent'] ?? '').split('/')[0]!.slice(0, 128);
}

/** The status subresource of a kind without its own status strategy: the spec stays as stored. */
const KEEP_SPEC: Strategy = {
  prepareForUpdate(obj, old) {
    obj.spec = old.spec;
  },
};

/** ValidateObjectMetaUpdate: an object being deleted takes no new finalizers. */
function newFinalizersWhileDeleting(obj: KubeObject, live: KubeObject): FieldError[] {
  if (!live.metadata.deletionTimestamp) return [];
  const before = new Set(live.metadata.finalizers ?? []);
  const added = (obj.metadata.finalizers ?? []).filter((f) => !before.has(f));
  if (!added.length) return [];
  return [{
    type: 'FieldValueForbidden',
    field: 'metadata.finalizers',
    detail: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
  }];
}

/**
 * ShouldDeleteDuringUpdate: no finalizers left, and the deletion was only waiting on them (grace
 * period 0). A namespace also waits on its spec.finalizers (ShouldDeleteNamespaceDuringUpdate).
 */
function finalizedByUpdate(obj: KubeObject, live: KubeObject): boolean {
  const specFinalizers = (obj.spec as { finalizers?: unknown[] } | undefined)?.finalizers ?? [];
  if ((obj.metadata.finalizers ?? []).length > 0 || specFinalizers.length > 0 || !live.metadata.deletionTimestamp) return false;
  const grace = live.metadata.deletionGracePeriodSeconds;
  return grace === undefined || grace === 0;
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a.spec) !== JSON.stringify(b.spec);
}

/** No-op writes keep the resourceVersion, as the apiserver skips unchanged updates. */
function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => JSON.stringify({ ...o, metadata: { ...o.metadata, managedFields: undefined, resourceVersion: undefined } });
  return strip(a) === strip(b);
}


function encodeContinue(offset: number): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', start: offset })).toString('base64url');
}

function decodeContinue(token: string | null): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { start?: unknown };
    if (typeof parsed.start === 'number' && parsed.start >= 0) return parsed.start;
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

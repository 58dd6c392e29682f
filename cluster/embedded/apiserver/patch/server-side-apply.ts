// application/apply-patch+yaml: server-side apply, a practical subset of structured-merge-diff as
// kube-apiserver's field manager drives it.
//
// What is implemented:
//  - the applied configuration merges into the live object with each field's list semantics from
//    patch-meta.ts (atomic lists such as RBAC rules/subjects, sets such as finalizers, map-lists
//    keyed by name/containerPort+protocol/..., atomic structs such as roleRef);
//  - the applier's field set is recorded as an `Apply` entry of metadata.managedFields (FieldsV1,
//    `f:`/`k:`/`v:` keys), updaters' entries lose the fields the apply takes over or removes;
//  - a field the same applier set last time and omits now is removed, unless another manager
//    (applier or updater) still owns it; struct fields emptied that way go too;
//  - conflicts: a field another manager owns whose value the apply changes fails the request with
//    409 "Apply failed with N conflict(s)..." unless force=true, which takes ownership;
//  - the field manager's wrappers: the applied apiVersion/kind must be the endpoint's, applied
//    managedFields are refused, an object without managed fields is first owned as a whole by
//    "before-first-apply", and for the "kubectl" manager the client-side-apply upgrade path
//    (conflicts allowed on fields matching the last-applied annotation, which is then rewritten);
//  - time is set on the applier's entry only when the apply changed the object.
//
// Not implemented: unions/discriminators, defaulting and schema validation of the applied object
// (unknown fields are accepted), version conversion of entries, the cap of ten updaters, and
// subresources. Status (the kinds' reset fields) is never owned, as on the main resource.

import {
  decodeManagedFields,
  describeManager,
  formatTime,
  managerIdentity,
  recordChanges,
  resetFields,
  stripMeta,
  withManagedFields,
  withoutManagedFields,
  type ManagedEntry,
  type Managers,
} from './managed-fields.js';
import {
  canonicalJson,
  difference,
  formatPath,
  hasMember,
  intersection,
  isEmpty,
  memberPaths,
  recursiveDifference,
  union,
  type FieldPath,
  type FieldSet,
} from './field-set.js';
import { getKey, isJsonObject, jsonEqual, setKey, type JsonObject, type JsonValue } from './json.js';
import { kindMeta, type KindMeta } from './patch-meta.js';
import { badRequest, internalError, type PatchError } from './patch-error.js';
import {
  checkListKeys,
  compare,
  emptyObject,
  mergeApplied,
  removeItems,
  toFieldSet,
  TypedValueError,
  withNamedFieldsAsMembers,
} from './typed-value.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager kubectl uses for `apply --server-side`; only it gets the client-side-apply upgrade. */
const KUBECTL_MANAGER = 'kubectl';
const BEFORE_FIRST_APPLY = 'before-first-apply';

export interface ApplyOptions {
  manager: string;
  force: boolean;
  kind: string;
  /** group/version of the endpoint, e.g. "v1" or "rbac.authorization.k8s.io/v1". */
  apiVersion: string;
  now: Date;
}

export type ApplyOutcome = { object: JsonObject; changed: boolean } | { error: PatchError };

/** Applies `config` to `live` (a stub with just apiVersion/kind/name when creating). */
export function serverSideApply(live: JsonObject, config: JsonObject, options: ApplyOptions): ApplyOutcome {
  const configVersion = stringAt(config, 'apiVersion');
  const configKind = stringAt(config, 'kind');
  if (configVersion !== options.apiVersion || configKind !== options.kind) {
    return { error: badRequest(`invalid object type: ${gvkString(configVersion, configKind)}`) };
  }
  if (Array.isArray(isJsonObject(config.metadata) ? getKey(config.metadata, 'managedFields') : undefined)) {
    return { error: badRequest('metadata.managedFields must be nil') };
  }
  const decoded = decodeManagedFields(isJsonObject(live.metadata) ? getKey(live.metadata, 'managedFields') : undefined);
  if ('error' in decoded) return { error: internalError(`failed to decode managed fields: ${decoded.error}`) };

  const context: ApplyContext = { kind: kindMeta(options.kind), live: withoutManagedFields(live), config, options };
  try {
    checkListKeys(context.live, context.kind);
  } catch (error) {
    if (error instanceof TypedValueError) {
      return { error: internalError(`failed to create typed live object (${objectRef(config, options)}): ${error.message}`) };
    }
    throw error;
  }
  try {
    let attempt = applyOnce(context, decoded, options.force);
    if ('conflicts' in attempt && options.manager === KUBECTL_MANAGER) {
      const allowed = allowedByLastApplied(context);
      const remaining = allowed ? attempt.conflicts.filter((c) => !hasMember(allowed, c.path)) : attempt.conflicts;
      attempt = remaining.length === 0 ? applyOnce(context, decoded, true) : { conflicts: remaining };
    }
    if ('conflicts' in attempt) return { error: conflictError(attempt.conflicts) };
    const object = withManagedFields(attempt.object, attempt.managers);
    if (options.manager === KUBECTL_MANAGER) syncLastApplied(object, config);
    return { object, changed: attempt.changed };
  } catch (error) {
    if (error instanceof TypedValueError) {
      return { error: internalError(`failed to create typed patch object (${objectRef(config, options)}): ${error.message}`) };
    }
    throw error;
  }
}

interface ApplyContext {
  kind: KindMeta;
  live: JsonObject;
  config: JsonObject;
  options: ApplyOptions;
}

interface Conflict {
  identity: string;
  path: FieldPath;
}

type Attempt = { object: JsonObject; managers: Managers; changed: boolean } | { conflicts: Conflict[] };

function applyOnce(context: ApplyContext, decoded: Managers, force: boolean): Attempt {
  const { kind, live, config, options } = context;
  let managers = new Map(decoded);
  if (managers.size === 0) {
    // skipNonAppliedManager: whatever the object already holds belongs to "before-first-apply".
    const owner = { manager: BEFORE_FIRST_APPLY, operation: 'Update' as const, apiVersion: options.apiVersion };
    managers = recordChanges(managers, emptyObject(kind), live, owner, kind, options.now);
  }
  const applier: Omit<ManagedEntry, 'fields'> = { manager: options.manager, operation: 'Apply', apiVersion: options.apiVersion };
  const identity = managerIdentity(applier);
  const previous = managers.get(identity);
  const reset = resetFields(kind);
  const applied = recursiveDifference(toFieldSet(config, kind), reset);

  const merged = mergeApplied(live, config, kind);
  const result = previous ? prune(merged, previous.fields, applied, managers, identity, kind) : merged;

  const changes = compare(live, result, kind);
  const taken = recursiveDifference(union(changes.modified, changes.added), reset);
  const removed = recursiveDifference(changes.removed, reset);
  const conflicts: Conflict[] = [];
  const next: Managers = new Map();
  for (const [other, entry] of [...managers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (other === identity) continue;
    const contested = intersection(entry.fields, taken);
    for (const path of memberPaths(contested)) conflicts.push({ identity: other, path });
    const fields = difference(difference(entry.fields, contested), removed);
    if (!isEmpty(fields)) next.set(other, { ...entry, fields });
  }
  if (conflicts.length > 0 && !force) return { conflicts };

  const changed = !jsonEqual(live, result);
  const owned = stripMeta(applied);
  if (!isEmpty(owned)) {
    const entry: ManagedEntry = { ...applier, fields: owned };
    const time = changed ? formatTime(options.now) : previous?.time;
    if (time) entry.time = time;
    next.set(identity, entry);
  }
  return { object: result, managers: next, changed };
}

/**
 * Removes what this applier set last time and no longer sets, unless another manager still owns
 * it (struct fields count as owned when something under them is, as upstream's prune does).
 */
function prune(merged: JsonObject, last: FieldSet, applied: FieldSet, managers: Managers, identity: string, kind: KindMeta): JsonObject {
  let owned = applied;
  for (const [other, entry] of managers) if (other !== identity) owned = union(owned, entry.fields);
  const gone = difference(withNamedFieldsAsMembers(last, kind), withNamedFieldsAsMembers(owned, kind));
  return isEmpty(gone) ? merged : removeItems(merged, gone, kind);
}

/**
 * lastAppliedManager: fields the last-applied annotation sets to exactly their live value were
 * applied client-side by kubectl, so taking them over is not a conflict.
 */
function allowedByLastApplied(context: ApplyContext): FieldSet | undefined {
  const annotations = isJsonObject(context.live.metadata) ? getKey(context.live.metadata, 'annotations') : undefined;
  const text = isJsonObject(annotations) ? getKey(annotations, LAST_APPLIED_ANNOTATION) : undefined;
  if (typeof text !== 'string' || text === '') return undefined;
  let lastApplied: JsonValue;
  try {
    lastApplied = JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
  if (!isJsonObject(lastApplied)) return undefined;
  try {
    const changes = compare(lastApplied, context.live, context.kind);
    const differing = union(union(changes.modified, changes.added), changes.removed);
    return difference(toFieldSet(lastApplied, context.kind), differing);
  } catch (error) {
    if (error instanceof TypedValueError) return undefined;
    throw error;
  }
}

/** lastAppliedUpdater: keeps an existing last-applied annotation in step with what kubectl applied. */
function syncLastApplied(object: JsonObject, config: JsonObject): void {
  const annotations = isJsonObject(object.metadata) ? getKey(object.metadata, 'annotations') : undefined;
  if (!isJsonObject(annotations) || typeof annotations[LAST_APPLIED_ANNOTATION] !== 'string' || annotations[LAST_APPLIED_ANNOTATION] === '') {
    return;
  }
  const copy = structuredClone(config);
  const configAnnotations = isJsonObject(copy.metadata) ? getKey(copy.metadata, 'annotations') : undefined;
  if (isJsonObject(configAnnotations)) delete configAnnotations[LAST_APPLIED_ANNOTATION];
  // runtime.Encode of unstructured JSON: sorted keys and json.Encoder's trailing newline.
  setKey(annotations, LAST_APPLIED_ANNOTATION, `${canonicalJson(copy)}\n`);
}

/** NewApplyConflict with the message getConflictMessage builds. */
function conflictError(conflicts: Conflict[]): PatchError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${describeManager(c.identity)}`,
    field: formatPath(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    const [only] = conflicts as [Conflict];
    message = `Apply failed with 1 conflict: conflict with ${describeManager(only.identity)}: ${formatPath(only.path)}`;
  } else {
    const lines: string[] = [];
    for (const identity of [...new Set(conflicts.map((c) => c.identity))].sort()) {
      lines.push(`conflicts with ${describeManager(identity)}:`);
      for (const c of conflicts) if (c.identity === identity) lines.push(`- ${formatPath(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return { code: 409, reason: 'Conflict', message, details: { causes } };
}

function stringAt(object: JsonObject, key: string): string {
  const value = getKey(object, key);
  return typeof value === 'string' ? value : '';
}

/** schema.GroupVersionKind.String(): "apps/v1, Kind=Deployment", "/v1, Kind=Pod". */
function gvkString(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const [group, version] = slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  return `${group}/${version}, Kind=${kind}`;
}

/** "<namespace>/<name>; <gvk>", as the field manager names the object in typing errors. */
function objectRef(config: JsonObject, options: ApplyOptions): string {
  const metadata = isJsonObject(config.metadata) ? config.metadata : {};
  return `${stringAt(metadata, 'namespace')}/${stringAt(metadata, 'name')}; ${gvkString(options.apiVersion, options.kind)}`;
}

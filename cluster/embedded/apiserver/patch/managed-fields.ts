// metadata.managedFields: decoding and encoding the entries, manager identities as the apiserver
// builds them, and recording an `Update` entry for writes that are not server-side apply
// (create, update and the other patch types, with or without a fieldManager).

import {
  difference,
  emptyFieldSet,
  fromFieldsV1,
  intersection,
  isEmpty,
  recursiveDifference,
  toFieldsV1,
  union,
  addPath,
  fieldElement,
  type FieldSet,
} from './field-set.js';
import { cloneJson, getKey, isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { kindMeta, type KindMeta } from './patch-meta.js';
import { compare, emptyObject, TypedValueError } from './typed-value.js';

export type Operation = 'Apply' | 'Update';

export interface ManagedEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, seconds precision; absent until the manager's fields first change something. */
  time?: string;
  fields: FieldSet;
}

/** Entries keyed by manager identity. */
export type Managers = Map<string, ManagedEntry>;

/**
 * BuildManagerIdentifier: the entry without time and fields, as JSON. Appliers leave the
 * apiVersion out, so one applier stays one manager across versions; updaters keep it.
 */
export function managerIdentity(entry: Pick<ManagedEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const identity: JsonObject = { manager: entry.manager, operation: entry.operation };
  if (entry.operation === 'Update') identity.apiVersion = entry.apiVersion;
  if (entry.subresource) identity.subresource = entry.subresource;
  return JSON.stringify(identity);
}

/** printManager from the apiserver's conflict errors: `"kubectl-client-side-apply" using apps/v1`. */
export function describeManager(identity: string): string {
  const entry = JSON.parse(identity) as { manager?: string; operation?: string; apiVersion?: string; subresource?: string };
  let text = JSON.stringify(entry.manager ?? '');
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`;
  return entry.operation === 'Update' ? `${text} using ${entry.apiVersion ?? ''}` : text;
}

/** DecodeManagedFields, with its validation of each entry. */
export function decodeManagedFields(value: JsonValue | undefined): Managers | { error: string } {
  const managers: Managers = new Map();
  if (value === undefined || value === null) return managers;
  if (!Array.isArray(value)) return { error: 'managedFields must be a list' };
  for (const [index, raw] of value.entries()) {
    if (!isJsonObject(raw)) return { error: `managed fields entry ${index} must be an object` };
    const operation = getKey(raw, 'operation');
    if (operation !== 'Apply' && operation !== 'Update') return { error: 'operation must be `Apply` or `Update`' };
    const apiVersion = getKey(raw, 'apiVersion');
    if (typeof apiVersion !== 'string' || apiVersion === '') return { error: 'apiVersion must not be empty' };
    const fieldsType = getKey(raw, 'fieldsType');
    if (fieldsType === undefined || fieldsType === '') return { error: `missing fieldsType in managed fields entry ${index}` };
    if (fieldsType !== 'FieldsV1') return { error: `invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${index}` };
    const fields = fromFieldsV1(getKey(raw, 'fieldsV1') ?? {});
    if (typeof fields === 'string') return { error: `error decoding versioned set from entry ${index}: ${fields}` };
    const entry: ManagedEntry = { manager: stringOr(getKey(raw, 'manager')), operation, apiVersion, fields };
    const subresource = stringOr(getKey(raw, 'subresource'));
    if (subresource) entry.subresource = subresource;
    const time = getKey(raw, 'time');
    if (typeof time === 'string') entry.time = time;
    managers.set(managerIdentity(entry), entry);
  }
  return managers;
}

/** Entries as the apiserver stores them: appliers first, then by time, manager, apiVersion. */
function encodeManagedFields(managers: Managers): JsonObject[] {
  const entries = [...managers.values()].filter((entry) => !isEmpty(entry.fields));
  entries.sort(
    (a, b) =>
      compareStrings(a.operation, b.operation) ||
      compareStrings(a.time ?? '', b.time ?? '') ||
      compareStrings(a.manager, b.manager) ||
      compareStrings(a.apiVersion, b.apiVersion) ||
      compareStrings(a.subresource ?? '', b.subresource ?? ''),
  );
  return entries.map((entry) => {
    const encoded: JsonObject = { manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion };
    if (entry.time) encoded.time = entry.time;
    encoded.fieldsType = 'FieldsV1';
    encoded.fieldsV1 = toFieldsV1(entry.fields);
    if (entry.subresource) encoded.subresource = entry.subresource;
    return encoded;
  });
}

/** metav1.Time as JSON: RFC 3339 in UTC, whole seconds. */
export function formatTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Fields the apiserver never records an owner for (stripMetaManager). */
const STRIPPED_FIELDS: FieldSet = (() => {
  const set = emptyFieldSet();
  for (const path of ['apiVersion', 'kind', 'metadata']) addPath(set, [fieldElement(path)]);
  for (const field of [
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ]) {
    addPath(set, [fieldElement('metadata'), fieldElement(field)]);
  }
  return set;
})();

export function stripMeta(set: FieldSet): FieldSet {
  return difference(set, STRIPPED_FIELDS);
}

/** The registry's reset fields (status on the main resource), which no manager may own. */
export function resetFields(kind: KindMeta): FieldSet {
  const set = emptyFieldSet();
  for (const path of kind.resetFields) addPath(set, path.split('.').map(fieldElement));
  return set;
}

export function withoutManagedFields(object: JsonObject): JsonObject {
  const copy = cloneJson(object);
  if (isJsonObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/**
 * The Updater's Update: compares the object before and after the write, takes the fields it set
 * or changed away from every other manager, drops removed fields from all of them, and credits
 * the changes to `writer` (merged into its previous entry, with a fresh time). Throws
 * TypedValueError when a list item cannot be keyed.
 */
export function recordChanges(
  managers: Managers,
  before: JsonObject,
  after: JsonObject,
  writer: Omit<ManagedEntry, 'fields' | 'time'>,
  kind: KindMeta,
  now: Date,
): Managers {
  const changes = compare(before, after, kind);
  const reset = resetFields(kind);
  const changed = recursiveDifference(union(changes.modified, changes.added), reset);
  const removed = recursiveDifference(changes.removed, reset);
  const result: Managers = new Map();
  for (const [identity, entry] of managers) {
    const fields = difference(difference(entry.fields, intersection(entry.fields, changed)), removed);
    if (!isEmpty(fields)) result.set(identity, { ...entry, fields });
  }
  const credited = stripMeta(changed);
  if (isEmpty(credited)) return result;
  const identity = managerIdentity(writer);
  const previous = result.get(identity)?.fields ?? emptyFieldSet();
  result.set(identity, { ...writer, time: formatTime(now), fields: union(credited, previous) });
  return result;
}

export interface UpdateOptions {
  /** The fieldManager query parameter (or the user agent the apiserver falls back to). */
  manager: string;
  kind: string;
  /** group/version of the request, e.g. "rbac.authorization.k8s.io/v1". */
  apiVersion: string;
  now: Date;
}

/**
 * Records an `Update` managed-fields entry for a create (`live` undefined) or an update/patch of
 * `live` into `updated`, and returns `updated` with its metadata.managedFields rewritten.
 *
 * As upstream: managed fields sent in `updated` replace the live ones (`[]` or `[{}]` resets
 * them); an existing object without managed fields is not tracked; an object whose lists cannot
 * be keyed loses its managed fields rather than failing the write (UpdateNoErrors).
 */
export function recordUpdate(live: JsonObject | undefined, updated: JsonObject, options: UpdateOptions): JsonObject {
  const kind = kindMeta(options.kind);
  const result = withoutManagedFields(updated);
  const managers = managersForUpdate(live, updated);
  if (managers.size === 0 && live !== undefined) return result;
  try {
    const before = live ? withoutManagedFields(live) : emptyObject(kind);
    const writer = { manager: options.manager, operation: 'Update' as const, apiVersion: options.apiVersion };
    return withManagedFields(result, recordChanges(managers, before, result, writer, kind, options.now));
  } catch (error) {
    if (error instanceof TypedValueError) return result;
    throw error;
  }
}

export function withManagedFields(object: JsonObject, managers: Managers): JsonObject {
  const encoded = encodeManagedFields(managers);
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  if (encoded.length > 0) metadata.managedFields = encoded;
  else delete metadata.managedFields;
  object.metadata = metadata;
  return object;
}

/** decodeLiveOrNew: the request's managed fields win unless they are empty or undecodable. */
function managersForUpdate(live: JsonObject | undefined, updated: JsonObject): Managers {
  const sent = isJsonObject(updated.metadata) ? getKey(updated.metadata, 'managedFields') : undefined;
  if (isReset(sent)) return new Map();
  const fromRequest = decodeManagedFields(sent);
  if (!('error' in fromRequest) && fromRequest.size > 0) return fromRequest;
  const liveFields = live && isJsonObject(live.metadata) ? getKey(live.metadata, 'managedFields') : undefined;
  const fromLive = decodeManagedFields(liveFields);
  return 'error' in fromLive ? new Map() : fromLive;
}

function isReset(value: JsonValue | undefined): boolean {
  if (!Array.isArray(value)) return false;
  return value.length === 0 || (value.length === 1 && isJsonObject(value[0]) && Object.keys(value[0]).length === 0);
}

function stringOr(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

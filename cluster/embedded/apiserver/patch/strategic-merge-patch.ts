// application/strategic-merge-patch+json, as k8s.io/apimachinery/pkg/util/strategicpatch applies it
// server side (StrategicMergeMapPatch: parallel lists merged, unmatched nulls ignored), driven by
// the patch metadata table instead of Go struct tags.
//
// Directives: `$patch: replace|delete` in maps and in items of merged lists (`$patch: merge` is an
// error upstream too), `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`, `$retainKeys`,
// and null to delete a key. Values added where the live object has nothing (or something of another
// type) lose their nulls and `$patch` maps, as upstream does since 1.28.
//
// Errors carry the upstream text and the status interpretStrategicMergePatchError gives them:
// malformed directives are 400, lists of lists 422, anything else a 500 with the Go error text.
// Go formats values in those texts with %v; see go-format.ts.

import { goFormat, goString, goTypeName } from './go-format.js';
import { cloneJson, getKey, hasKey, isJsonObject, setKey, type JsonObject, type JsonValue } from './json.js';
import { childPath, fieldMeta, mergeStrategy, type FieldMeta, type KindMeta } from './patch-meta.js';
import { badRequest, internalError, rejected, type PatchError } from './patch-error.js';

export type StrategicMergeOutcome = { value: JsonObject } | { error: PatchError };

/** Applies `patch` to a copy of `original`; a null patch (the JSON literal) changes nothing. */
export function strategicMergePatch(original: JsonObject, patch: JsonObject | null, kind: KindMeta): StrategicMergeOutcome {
  const target = cloneJson(original);
  if (patch === null) return { value: target };
  try {
    return { value: new Merger(kind).mergeMap(target, cloneJson(patch), '') };
  } catch (error) {
    if (error instanceof SmpFailure) return { error: error.error };
    throw error;
  }
}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

class SmpFailure {
  constructor(readonly error: PatchError) {}
}

function fail(error: PatchError): never {
  throw new SmpFailure(error);
}

// mergepatch's sentinel errors and their statuses.
const badPrimitiveList = (): never => fail(badRequest('invalid patch format of primitive list'));
const badRetainKeys = (): never => fail(badRequest('invalid patch format of retainKeys'));
const badSetElementOrder = (): never => fail(badRequest('invalid patch format of setElementOrder list'));
const noListOfLists = (): never => fail(rejected('lists of lists are not supported'));
const noMergeKey = (map: JsonObject, key: string): never =>
  fail(internalError(`map: ${goFormat(map)} does not contain declared merge key: ${key}`));
const badArgType = (expected: string, actual: JsonValue | undefined): never =>
  fail(internalError(`expected a ${expected}, but received a ${goTypeName(actual)}`));
const badPatchType = (directive: JsonValue, map: JsonObject): never =>
  fail(internalError(`unknown patch type: ${goString(directive)} in map: ${goFormat(map)}`));

const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

type ElementKind = 'map' | 'scalar';

class Merger {
  constructor(private readonly kind: KindMeta) {}

  /** mergeMap: `original` is modified and returned; `path` locates it in the patch metadata. */
  mergeMap(original: JsonObject, patch: JsonObject, path: string): JsonObject {
    if (hasKey(patch, DIRECTIVE)) return directiveInMap(patch[DIRECTIVE]!, patch);
    applyRetainKeys(original, patch);
    this.mergeSetElementOrderLists(original, patch, path);

    for (const [patchKey, patchValue] of Object.entries(patch)) {
      const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
      const key = isDeleteList ? extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST, badPrimitiveList) : patchKey;
      if (patchValue === null) {
        delete original[key];
        continue;
      }
      const current = getKey(original, key);
      if (current === undefined || goTypeName(current) !== goTypeName(patchValue)) {
        if (!isDeleteList) takePatchValue(original, key, patchValue);
        continue;
      }
      const meta = this.meta(path, key);
      if (Array.isArray(patchValue)) {
        setKey(original, key, this.mergeSliceHandler(current as JsonValue[], patchValue, childPath(path, key), meta, isDeleteList));
      } else if (isJsonObject(patchValue)) {
        const merged =
          mergeStrategy(meta) === 'replace'
            ? patchValue
            : this.mergeMap(current as JsonObject, patchValue, childPath(path, key));
        setKey(original, key, merged);
      } else {
        setKey(original, key, patchValue);
      }
    }
    return original;
  }

  private meta(path: string, key: string): FieldMeta {
    return fieldMeta(this.kind, childPath(path, key));
  }

  /** mergePatchIntoOriginal: each `$setElementOrder/<list>` fixes the order of that list. */
  private mergeSetElementOrderLists(original: JsonObject, patch: JsonObject, path: string): void {
    for (const directiveKey of Object.keys(patch)) {
      if (!directiveKey.startsWith(SET_ELEMENT_ORDER) || !hasKey(patch, directiveKey)) continue;
      const order = patch[directiveKey]!;
      delete patch[directiveKey];
      if (!Array.isArray(order)) badArgType(SLICE_TYPE, order);
      const setOrder = order as JsonValue[];
      const key = extractKey(directiveKey, SET_ELEMENT_ORDER, badSetElementOrder);
      const originalList = listField(original, key);
      const patchList = listField(patch, key);
      const meta = this.meta(path, key);
      const mergeKey = meta.mergeKey ?? '';
      validatePatchWithSetOrderList(patchList ?? [], setOrder, mergeKey);

      let merged: JsonValue[];
      if (originalList && patchList) {
        merged = this.mergeSliceHandler(originalList, patchList, childPath(path, key), meta, false);
      } else if (originalList) {
        merged = originalList;
      } else if (patchList) {
        merged = removeDirectives(patchList) as JsonValue[];
      } else {
        continue;
      }
      const [patchItems, serverOnly] = mergeKey
        ? partitionMaps(merged, setOrder, mergeKey)
        : partitionPrimitives(merged, setOrder);
      const kind = sliceElementKind([originalList ?? [], patchList ?? []]);
      setKey(original, key, normalizeElementOrder(patchItems, serverOnly, setOrder, originalList ?? [], mergeKey, kind));
      delete patch[key];
    }
  }

  private mergeSliceHandler(
    original: JsonValue[],
    patch: JsonValue[],
    path: string,
    meta: FieldMeta,
    isDeleteList: boolean,
  ): JsonValue[] {
    // Deletion lists work whatever the field's strategy is.
    if (mergeStrategy(meta) !== 'merge' && !isDeleteList) return patch;
    return this.mergeSlice(original, patch, path, meta.mergeKey ?? '', isDeleteList);
  }

  private mergeSlice(original: JsonValue[], patch: JsonValue[], path: string, mergeKey: string, isDeleteList: boolean): JsonValue[] {
    if (original.length === 0 && patch.length === 0) return original;
    const kind = sliceElementKind([original, patch]);
    let merged: JsonValue[];
    let live = original;
    let items = patch;
    if (kind !== 'map') {
      if (isDeleteList) return original.filter((item) => !patch.some((gone) => goEqual(item, gone)));
      merged = deduplicateScalars([...original, ...patch]);
    } else {
      // Go names the element type of a keyless merged list, which is always []string in the API.
      if (!mergeKey) fail(internalError('cannot merge lists without merge key for string'));
      const [liveMaps, itemMaps] = applySpecialElements(original as JsonObject[], patch as JsonObject[], mergeKey);
      [live, items] = [liveMaps, itemMaps];
      merged = [...live];
      for (const item of itemMaps) {
        if (!hasKey(item, mergeKey)) noMergeKey(item, mergeKey);
        const index = findMapByKey(merged, mergeKey, item[mergeKey]!);
        if (index >= 0) merged[index] = this.mergeMap(merged[index] as JsonObject, item, path);
        else merged.push(item);
      }
    }
    const [patchItems, serverOnly] = mergeKey ? partitionMaps(merged, items, mergeKey) : partitionPrimitives(merged, items);
    return normalizeElementOrder(patchItems, serverOnly, items, live, mergeKey, kind);
  }
}

/** handleDirectiveInMergeMap: replace keeps the patch as given; delete leaves an empty map. */
function directiveInMap(directive: JsonValue, patch: JsonObject): JsonObject {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  return badPatchType(directive, patch);
}

/** Keys missing from `$retainKeys` are cleared; the patch may only set retained keys. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS]!;
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) badRetainKeys();
  const retained = new Set((list as JsonValue[]).filter((key) => typeof key === 'string'));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!retained.has(key)) badRetainKeys();
  }
  for (const key of Object.keys(original)) {
    if (!retained.has(key)) delete original[key];
  }
}

/** "$setElementOrder/containers" -> "containers"; the prefix must be exact and the slash present. */
function extractKey(key: string, prefix: string, malformed: () => never): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) malformed();
  return key.slice(slash + 1);
}

function listField(object: JsonObject, key: string): JsonValue[] | undefined {
  const value = getKey(object, key);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return badArgType(SLICE_TYPE, value);
  return value;
}

/** Where the live object has nothing comparable, the patch value is taken, minus nulls and `$patch` maps. */
function takePatchValue(original: JsonObject, key: string, value: JsonValue): void {
  discardNulls(value);
  const cleaned = removeDirectives(value);
  if (cleaned === DROPPED) delete original[key];
  else setKey(original, key, cleaned);
}

function discardNulls(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach(discardNulls);
  } else if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === null) delete value[key];
      else discardNulls(item);
    }
  }
}

const DROPPED = Symbol('dropped');

/** Removes every map carrying `$patch` (other `$` keys stay, as upstream). */
function removeDirectives(value: JsonValue): JsonValue | typeof DROPPED {
  if (Array.isArray(value)) {
    return value.map(removeDirectives).filter((item): item is JsonValue => item !== DROPPED);
  }
  if (!isJsonObject(value)) return value;
  if (hasKey(value, DIRECTIVE)) return DROPPED;
  for (const [key, item] of Object.entries(value)) {
    const cleaned = removeDirectives(item);
    if (cleaned === DROPPED) delete value[key];
    else setKey(value, key, cleaned);
  }
  return value;
}

/** The patch's merged-list items must appear in `$setElementOrder` and in the same order. */
function validatePatchWithSetOrderList(patchList: JsonValue[], setOrder: JsonValue[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? splitDeletions(patchList)[0] : patchList;
  let patchIndex = 0;
  let orderIndex = 0;
  while (patchIndex < items.length && orderIndex < setOrder.length) {
    const item = items[patchIndex]!;
    if (isJsonObject(item) && hasKey(item, DIRECTIVE)) {
      patchIndex++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrder[orderIndex]!, mergeKey)) patchIndex++;
    orderIndex++;
  }
  if (patchIndex < items.length && orderIndex >= setOrder.length) {
    fail(
      internalError(
        `the order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(setOrder)}`,
      ),
    );
  }
}

function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (!mergeKey) return goEqual(left, right);
  if (!isJsonObject(left)) return badArgType(MAP_TYPE, left);
  if (!isJsonObject(right)) return badArgType(MAP_TYPE, right);
  if (!hasKey(left, mergeKey)) return noMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) return noMergeKey(right, mergeKey);
  return goEqual(left[mergeKey]!, right[mergeKey]!);
}

/** Items of a merged list: `$patch: delete` items remove live items by key, `$patch: replace` drops the live list. */
function applySpecialElements(original: JsonObject[], patch: JsonObject[], mergeKey: string): [JsonObject[], JsonObject[]] {
  let live = original;
  const plain: JsonObject[] = [];
  let replace = false;
  for (const item of patch) {
    if (!hasKey(item, DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    const directive = item[DIRECTIVE]!;
    if (directive === 'delete') {
      if (!hasKey(item, mergeKey)) noMergeKey(item, mergeKey);
      const gone = item[mergeKey]!;
      while (findMapByKey(live, mergeKey, gone) >= 0) {
        const index = findMapByKey(live, mergeKey, gone);
        live = [...live.slice(0, index), ...live.slice(index + 1)];
      }
    } else if (directive === 'replace') {
      replace = true; // keep going: the other directives must still be dropped
    } else if (directive === 'merge') {
      fail(internalError('merging lists cannot yet be specified in the patch'));
    } else {
      badPatchType(directive, item);
    }
  }
  return replace ? [plain, []] : [live, plain];
}

/** findMapInSliceBasedOnKeyValue: index of the first map whose merge key equals `value`, or -1. */
function findMapByKey(list: readonly JsonValue[], mergeKey: string, value: JsonValue): number {
  for (const [index, item] of list.entries()) {
    if (!isJsonObject(item)) fail(internalError(`value for key ${index} is not a map`));
    const candidate = getKey(item as JsonObject, mergeKey);
    if (candidate !== undefined && goEqual(candidate, value)) return index;
  }
  return -1;
}

/** sliceElementType: every element of every list must share one Go type, and not be a list. */
function sliceElementKind(lists: JsonValue[][]): ElementKind {
  let type: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      const itemType = goTypeName(item);
      if (type === undefined) {
        type = itemType;
        if (Array.isArray(item)) noListOfLists();
      } else if (itemType !== type) {
        fail(internalError(`list element types are not identical: ${goFormat(lists)}`));
      }
    }
  }
  if (type === undefined) fail(internalError('no elements in any of the given slices'));
  return type === MAP_TYPE ? 'map' : 'scalar';
}

/** Go's == on interface values: same dynamic type and value; maps and lists never compare equal here. */
function goEqual(a: JsonValue, b: JsonValue): boolean {
  if (typeof a === 'object' && a !== null) return false;
  return goTypeName(a) === goTypeName(b) && a === b;
}

/** Upstream's in-place deduplication, whose swaps decide the order before normalization. */
function deduplicateScalars(list: JsonValue[]): JsonValue[] {
  const items = [...list];
  let last = items.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (goEqual(items[i]!, items[j]!)) {
        items[j] = items[last]!;
        items.length = last;
        last--;
        j--;
      }
    }
  }
  return items;
}

function partitionPrimitives(list: JsonValue[], by: JsonValue[]): [JsonValue[], JsonValue[]] {
  const inPatch = list.filter((item) => by.some((other) => goEqual(item, other)));
  const serverOnly = list.filter((item) => !by.some((other) => goEqual(item, other)));
  return [inPatch, serverOnly];
}

function partitionMaps(list: JsonValue[], by: JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const inPatch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const item of list) {
    if (!isJsonObject(item)) return badArgType(MAP_TYPE, item);
    if (!hasKey(item, mergeKey)) return noMergeKey(item, mergeKey);
    (findMapByKey(by, mergeKey, item[mergeKey]!) >= 0 ? inPatch : serverOnly).push(item);
  }
  return [inPatch, serverOnly];
}

/** extractToDeleteItems: splits `$patch: delete` items from the others. */
function splitDeletions(list: JsonValue[]): [JsonValue[], JsonValue[]] {
  const keep: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  for (const item of list) {
    if (!isJsonObject(item)) return badArgType(MAP_TYPE, item);
    (getKey(item, DIRECTIVE) === 'delete' ? deletions : keep).push(item);
  }
  return [keep, deletions];
}

/**
 * normalizeElementOrder: patch items in patch (or $setElementOrder) order, server-only items in
 * live order, then interleaved: a server-only item goes first only when the live list had it
 * before the patch item it is compared with.
 */
function normalizeElementOrder(
  patchItems: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: JsonValue[],
  serverOrder: JsonValue[],
  mergeKey: string,
  kind: ElementKind,
): JsonValue[] {
  const sortedPatch = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const sortedServer = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const result: JsonValue[] = [];
  let left = 0;
  let right = 0;
  while (left < sortedServer.length || right < sortedPatch.length) {
    if (right >= sortedPatch.length) {
      result.push(sortedServer[left++]!);
    } else if (left >= sortedServer.length) {
      result.push(sortedPatch[right++]!);
    } else {
      const li = indexIn(serverOrder, sortedServer[left]!, mergeKey, kind);
      const ri = indexIn(serverOrder, sortedPatch[right]!, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) result.push(sortedServer[left++]!);
      else result.push(sortedPatch[right++]!);
    }
  }
  return result;
}

function normalizeSliceOrder(list: JsonValue[], order: JsonValue[], mergeKey: string, kind: ElementKind): JsonValue[] {
  let items = list;
  let deletions: JsonValue[] = [];
  if (kind === 'map') {
    for (const item of [...list, ...order]) {
      if (!isJsonObject(item)) return badArgType(MAP_TYPE, item);
      if (!hasKey(item, mergeKey)) return noMergeKey(item, mergeKey);
    }
    [items, deletions] = splitDeletions(list);
  }
  // sort.SliceStable is an insertion sort for short lists; its comparator says "less" whenever an
  // item is not in `order`, and that quirk decides where such items land.
  const sorted = [...items];
  const less = (a: JsonValue, b: JsonValue): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    const ib = indexIn(order, b, mergeKey, kind);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0 && less(sorted[j]!, sorted[j - 1]!); j--) {
      [sorted[j], sorted[j - 1]] = [sorted[j - 1]!, sorted[j]!];
    }
  }
  return [...sorted, ...deletions];
}

function indexIn(list: JsonValue[], value: JsonValue, mergeKey: string, kind: ElementKind): number {
  const identity = (item: JsonValue): JsonValue =>
    kind === 'map' ? (isJsonObject(item) ? (getKey(item, mergeKey) ?? null) : null) : item;
  const wanted = identity(value);
  return list.findIndex((item) => goEqual(identity(item), wanted));
}

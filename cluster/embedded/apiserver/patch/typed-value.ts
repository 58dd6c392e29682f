// Objects seen through their schema, as structured-merge-diff's `typed` package sees them: which
// field paths a value sets, how two values differ, how an applied configuration merges into a
// live object, and how owned items are removed. The schema is the patch metadata table: maps and
// structs are walked key by key (unless atomic), lists are atomic, sets or maps keyed by fields.

import {
  addPath,
  emptyFieldSet,
  fieldElement,
  formatPath,
  keyElement,
  valueElement,
  type FieldPath,
  type FieldSet,
  type PathElement,
} from './field-set.js';
import { getKey, hasKey, isJsonObject, jsonEqual, setKey, type JsonObject, type JsonValue } from './json.js';
import { childPath, fieldMeta, listRelationship, type FieldMeta, type KindMeta } from './patch-meta.js';

/** A list item that cannot be identified (missing key field, duplicate, wrong type). */
export class TypedValueError extends Error {}

/** Where a walk is in the schema: the table path and the metadata of the value at hand. */
interface Cursor {
  kind: KindMeta;
  path: string;
  meta: FieldMeta;
}

function rootCursor(kind: KindMeta): Cursor {
  return { kind, path: '', meta: {} };
}

function fieldCursor(cursor: Cursor, field: string): Cursor {
  const path = childPath(cursor.path, field);
  return { kind: cursor.kind, path, meta: fieldMeta(cursor.kind, path) };
}

/** List items are the list's element type: same table path, atomic when the item struct is. */
function itemCursor(cursor: Cursor): Cursor {
  return { kind: cursor.kind, path: cursor.path, meta: cursor.meta.atomicItems ? { atomic: true } : {} };
}

/** The path element naming a list item; throws for items the list type cannot key. */
function itemElement(item: JsonValue, index: number, cursor: Cursor, listPath: FieldPath): PathElement {
  const relationship = listRelationship(cursor.meta);
  const where = `${formatPath(listPath)}: element ${index}`;
  if (relationship.type === 'set') {
    if (isJsonObject(item) || Array.isArray(item)) {
      throw new TypedValueError(`${where}: associative list without keys has an element that's a ${isJsonObject(item) ? 'map' : 'list'} type`);
    }
    return valueElement(item);
  }
  if (!isJsonObject(item)) throw new TypedValueError(`${where}: associative list with keys may not have non-map elements`);
  const keys = (relationship.type === 'map' ? relationship.keys : []).map((key): [string, JsonValue] => {
    const value = getKey(item, key) ?? cursor.meta.listMapKeyDefaults?.[key];
    if (value === undefined) {
      throw new TypedValueError(
        `${where}: associative list with keys has an element that omits key field ${JSON.stringify(key)} (and doesn't have default value)`,
      );
    }
    return [key, value];
  });
  return keyElement(keys);
}

/** Items of a keyed list by path element; later duplicates are an error or ignored. */
function indexItems(list: JsonValue[], cursor: Cursor, listPath: FieldPath, rejectDuplicates: boolean): Map<PathElement, JsonValue> {
  const items = new Map<PathElement, JsonValue>();
  list.forEach((item, index) => {
    const element = itemElement(item, index, cursor, listPath);
    if (items.has(element)) {
      if (rejectDuplicates) {
        throw new TypedValueError(`${formatPath(listPath)}: duplicate entries for key ${formatPath([element])}`);
      }
      return;
    }
    items.set(element, item);
  });
  return items;
}

function isEmptyContainer(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || (Array.isArray(value) ? value.length === 0 : isJsonObject(value) && Object.keys(value).length === 0);
}

/**
 * ToFieldSet: every leaf an applied configuration sets, every list item it names, plus empty maps,
 * nulls and the keys of map-typed fields. Duplicate or unkeyable items throw.
 */
export function toFieldSet(value: JsonObject, kind: KindMeta): FieldSet {
  const set = emptyFieldSet();
  collect(value, [], rootCursor(kind), set);
  return set;
}

function collect(value: JsonValue, path: FieldPath, cursor: Cursor, set: FieldSet): void {
  if (cursor.meta.atomic || (!isJsonObject(value) && !Array.isArray(value))) {
    addPath(set, path);
    return;
  }
  if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childPathElements = [...path, fieldElement(key)];
      if (cursor.meta.map || child === null || (isJsonObject(child) && Object.keys(child).length === 0)) {
        addPath(set, childPathElements);
      }
      collect(child, childPathElements, fieldCursor(cursor, key), set);
    }
    return;
  }
  if (listRelationship(cursor.meta).type === 'atomic') {
    addPath(set, path);
    return;
  }
  for (const [element, item] of indexItems(value, cursor, path, true)) {
    const itemPath = [...path, element];
    if (isJsonObject(item)) collect(item, itemPath, itemCursor(cursor), set);
    addPath(set, itemPath);
  }
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * Compare: leaves (scalars, atomic values, pairs of empty containers) that appear, change or
 * disappear, plus every map, struct or list item that appears or disappears as a whole.
 */
export function compare(before: JsonObject, after: JsonObject, kind: KindMeta): Comparison {
  const result: Comparison = { added: emptyFieldSet(), modified: emptyFieldSet(), removed: emptyFieldSet() };
  compareValues(before, after, [], rootCursor(kind), result);
  return result;
}

function compareValues(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  path: FieldPath,
  cursor: Cursor,
  result: Comparison,
): void {
  const isPair = (test: (v: JsonValue) => boolean): boolean =>
    (before === undefined || before === null || test(before)) &&
    (after === undefined || after === null || test(after)) &&
    ((before !== undefined && before !== null) || (after !== undefined && after !== null));
  const bothEmpty = isEmptyContainer(before) && isEmptyContainer(after);

  if (!cursor.meta.atomic && !bothEmpty && isPair(isJsonObject)) {
    const left = isJsonObject(before) ? before : {};
    const right = isJsonObject(after) ? after : {};
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      compareValues(getKey(left, key), getKey(right, key), [...path, fieldElement(key)], fieldCursor(cursor, key), result);
    }
  } else if (
    !cursor.meta.atomic &&
    !bothEmpty &&
    isPair(Array.isArray) &&
    listRelationship(cursor.meta).type !== 'atomic'
  ) {
    const left = indexItems(Array.isArray(before) ? before : [], cursor, path, false);
    const right = indexItems(Array.isArray(after) ? after : [], cursor, path, false);
    for (const element of new Set([...left.keys(), ...right.keys()])) {
      compareValues(left.get(element), right.get(element), [...path, element], itemCursor(cursor), result);
    }
  } else {
    if (path.length === 0) return;
    if (before === undefined) addPath(result.added, path);
    else if (after === undefined) addPath(result.removed, path);
    else if (!jsonEqual(before, after)) addPath(result.modified, path);
    return;
  }
  if (path.length === 0) return;
  if (before === undefined) addPath(result.added, path);
  else if (after === undefined) addPath(result.removed, path);
}

/** Throws TypedValueError when a keyed list of `value` has an item it cannot key. */
export function checkListKeys(value: JsonObject, kind: KindMeta): void {
  compare(value, value, kind); // comparing walks and keys every list item
}

/**
 * Merge (live, applied): the applied value wins on every leaf it sets; maps merge key by key;
 * keyed lists merge item by item, ordered like the applied list with live-only items kept where
 * they were.
 */
export function mergeApplied(live: JsonObject, applied: JsonObject, kind: KindMeta): JsonObject {
  return mergeValues(live, applied, [], rootCursor(kind)) as JsonObject;
}

function mergeValues(live: JsonValue | undefined, applied: JsonValue | undefined, path: FieldPath, cursor: Cursor): JsonValue | undefined {
  if (applied === undefined) return live;
  if (live === undefined || cursor.meta.atomic) return applied;
  if (isJsonObject(live) && isJsonObject(applied)) {
    const merged: JsonObject = {};
    for (const [key, value] of Object.entries(live)) setKey(merged, key, value);
    for (const [key, value] of Object.entries(applied)) {
      setKey(merged, key, mergeValues(getKey(live, key), value, [...path, fieldElement(key)], fieldCursor(cursor, key))!);
    }
    return merged;
  }
  if (Array.isArray(live) && Array.isArray(applied) && listRelationship(cursor.meta).type !== 'atomic') {
    if (live.length === 0 && applied.length === 0) return applied;
    return mergeLists(live, applied, path, cursor);
  }
  return applied;
}

/** structured-merge-diff's list merge order: applied order, live-only items kept in place. */
function mergeLists(live: JsonValue[], applied: JsonValue[], path: FieldPath, cursor: Cursor): JsonValue[] {
  const liveItems = indexItems(live, cursor, path, false);
  const appliedItems = indexItems(applied, cursor, path, true);
  const liveOrder = [...liveItems.keys()];
  const appliedOrder = [...appliedItems.keys()];
  const shared = appliedOrder.filter((element) => liveItems.has(element));
  let nextShared = 0;
  const out: JsonValue[] = [];
  const emit = (element: PathElement): void => {
    out.push(mergeValues(liveItems.get(element), appliedItems.get(element), [...path, element], itemCursor(cursor))!);
  };
  let l = 0;
  let a = 0;
  while (l < liveOrder.length || a < appliedOrder.length) {
    if (l < liveOrder.length && a < appliedOrder.length) {
      const element = liveOrder[l]!;
      if (element === appliedOrder[a]) {
        emit(element);
        l++;
        a++;
        nextShared++;
        continue;
      }
      if (appliedItems.has(element) && nextShared < shared.length && shared[nextShared] !== element) {
        l++; // a shared item, but not the next one the applied order wants
        continue;
      }
    }
    if (l < liveOrder.length && !appliedItems.has(liveOrder[l]!)) {
      emit(liveOrder[l++]!);
      continue;
    }
    if (a < appliedOrder.length) {
      const element = appliedOrder[a++]!;
      emit(element);
      if (shared[nextShared] === element) nextShared++;
    } else {
      l++; // a live item the applied list already placed
    }
  }
  return out;
}

/**
 * RemoveItems: drops every member of `set` from the value (a field, or a list item). A map or list
 * that this empties goes away too, as a typed round trip would drop it.
 */
export function removeItems(value: JsonObject, set: FieldSet, kind: KindMeta): JsonObject {
  return (removeFrom(value, set, [], rootCursor(kind)) ?? {}) as JsonObject;
}

function removeFrom(value: JsonValue, set: FieldSet, path: FieldPath, cursor: Cursor): JsonValue | undefined {
  if (set.children.size === 0 || cursor.meta.atomic) return value;
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const node = set.children.get(fieldElement(key));
      if (node?.member) continue;
      const kept = node ? removeFrom(child, node, [...path, fieldElement(key)], fieldCursor(cursor, key)) : child;
      if (kept !== undefined) setKey(out, key, kept);
    }
    return Object.keys(out).length === 0 && Object.keys(value).length > 0 ? undefined : out;
  }
  if (Array.isArray(value) && listRelationship(cursor.meta).type !== 'atomic') {
    const out: JsonValue[] = [];
    value.forEach((item, index) => {
      const element = itemElement(item, index, cursor, path);
      const node = set.children.get(element);
      if (node?.member) return;
      const kept = node ? removeFrom(item, node, [...path, element], itemCursor(cursor)) : item;
      if (kept !== undefined) out.push(kept);
    });
    return out.length === 0 && value.length > 0 ? undefined : out;
  }
  return value;
}

/**
 * EnsureNamedFieldsAreMembers: struct fields that hold owned paths count as owned themselves, so
 * pruning a struct field's last owned leaf removes the field (map keys are not "named").
 */
export function withNamedFieldsAsMembers(set: FieldSet, kind: KindMeta): FieldSet {
  return namedFields(set, rootCursor(kind));
}

function namedFields(set: FieldSet, cursor: Cursor): FieldSet {
  const out: FieldSet = { member: set.member, children: new Map() };
  for (const [element, child] of set.children) {
    const isField = element.startsWith('f:');
    const next = namedFields(child, isField ? fieldCursor(cursor, element.slice(2)) : itemCursor(cursor));
    if (isField && !cursor.meta.map && child.children.size > 0) next.member = true;
    out.children.set(element, next);
  }
  return out;
}

/**
 * The JSON of an empty Go object of the kind: the struct fields it always serializes ({}), and
 * the non-omitempty lists (null). Creates are compared against it.
 */
export function emptyObject(kind: KindMeta): JsonObject {
  const root: JsonObject = {};
  for (const path of kind.presentWhenEmpty) {
    const fields = path.split('.');
    let node = root;
    fields.forEach((field, i) => {
      const isLast = i === fields.length - 1;
      if (!hasKey(node, field)) {
        const meta = fieldMeta(kind, fields.slice(0, i + 1).join('.'));
        setKey(node, field, isLast && (meta.mergeKey !== undefined || meta.strategy !== undefined) ? null : {});
      }
      node = node[field] as JsonObject;
    });
  }
  return root;
}

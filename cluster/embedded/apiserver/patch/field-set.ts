// Sets of field paths, as structured-merge-diff's fieldpath.Set keeps them for managed fields,
// and their FieldsV1 encoding. A path is a list of elements, each encoded the way FieldsV1 keys
// are: `f:<field>`, `k:<json of the key fields>` (an item of a map-list), `v:<json value>` (an item
// of a set), `i:<index>`. A tree node is a member when its own path is in the set; FieldsV1 writes
// that as `".": {}` next to its children, or as `{}` when it has none.

import { isJsonObject, type JsonObject, type JsonValue } from './json.js';

export type PathElement = string;
export type FieldPath = readonly PathElement[];

export interface FieldSet {
  member: boolean;
  children: Map<PathElement, FieldSet>;
}

export function emptyFieldSet(): FieldSet {
  return { member: false, children: new Map() };
}

export function fieldElement(name: string): PathElement {
  return `f:${name}`;
}

/** A map-list item, identified by its key fields (sorted by name, as upstream encodes them). */
export function keyElement(keys: ReadonlyArray<readonly [string, JsonValue]>): PathElement {
  const sorted = [...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `k:{${sorted.map(([name, value]) => `${JSON.stringify(name)}:${canonicalJson(value)}`).join(',')}}`;
}

/** A set item, identified by its value. */
export function valueElement(value: JsonValue): PathElement {
  return `v:${canonicalJson(value)}`;
}

/** Adds a path (building the tree in place). */
export function addPath(set: FieldSet, path: FieldPath): void {
  let node = set;
  for (const element of path) {
    let child = node.children.get(element);
    if (!child) {
      child = emptyFieldSet();
      node.children.set(element, child);
    }
    node = child;
  }
  node.member = true;
}

export function hasMember(set: FieldSet, path: FieldPath): boolean {
  let node: FieldSet | undefined = set;
  for (const element of path) node = node?.children.get(element);
  return node?.member ?? false;
}

export function isEmpty(set: FieldSet): boolean {
  return !set.member && set.children.size === 0;
}

export function union(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member || b.member, children: new Map() };
  for (const [element, child] of a.children) out.children.set(element, union(child, b.children.get(element) ?? emptyFieldSet()));
  for (const [element, child] of b.children) if (!a.children.has(element)) out.children.set(element, union(emptyFieldSet(), child));
  return out;
}

/** Paths of `a` that are not in `b` (exact paths only: b's members do not remove a's descendants). */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  return prune({
    member: a.member && !b.member,
    children: mapChildren(a, (element, child) => {
      const other = b.children.get(element);
      return other ? difference(child, other) : copy(child);
    }),
  });
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  return prune({
    member: a.member && b.member,
    children: mapChildren(a, (element, child) => {
      const other = b.children.get(element);
      return other ? intersection(child, other) : emptyFieldSet();
    }),
  });
}

/** Paths of `a` that neither are in `b` nor lie under one of b's members. */
export function recursiveDifference(a: FieldSet, b: FieldSet): FieldSet {
  return prune({
    member: a.member && !b.member,
    children: mapChildren(a, (element, child) => {
      const other = b.children.get(element);
      if (other?.member) return emptyFieldSet();
      return other ? recursiveDifference(child, other) : copy(child);
    }),
  });
}

/** Member paths in the order upstream iterates a set: a level's members, then its children. */
export function memberPaths(set: FieldSet, prefix: FieldPath = []): FieldPath[] {
  const elements = sortedElements(set);
  const members = elements.filter((e) => set.children.get(e)!.member).map((e) => [...prefix, e]);
  const nested = elements.flatMap((e) => memberPaths(set.children.get(e)!, [...prefix, e]));
  return [...members, ...nested];
}

/** fieldpath.Path.String(): `.metadata.labels.app`, `.spec.containers[name="nginx"]`, `.finalizers[="a"]`. */
export function formatPath(path: FieldPath): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      switch (element.slice(0, 2)) {
        case 'f:':
          return `.${body}`;
        case 'k:': {
          const keys = JSON.parse(body) as JsonObject;
          return `[${Object.entries(keys).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(',')}]`;
        }
        case 'v:':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}

export function toFieldsV1(set: FieldSet): JsonObject {
  const out: JsonObject = {};
  if (set.member && set.children.size > 0) out['.'] = {};
  for (const element of sortedElements(set)) out[element] = toFieldsV1(set.children.get(element)!);
  return out;
}

/** Parses a FieldsV1 object; errors are strings describing the bad key. */
export function fromFieldsV1(value: JsonValue): FieldSet | string {
  const set = emptyFieldSet();
  const error = readFieldsV1(value, set);
  return error ?? set;
}

function readFieldsV1(value: JsonValue, node: FieldSet): string | undefined {
  if (!isJsonObject(value)) return `expected an object, got ${JSON.stringify(value)}`;
  for (const [key, child] of Object.entries(value)) {
    if (key === '.') {
      node.member = true;
      continue;
    }
    const element = canonicalElement(key);
    if (element === undefined) return `unrecognized path element key: ${JSON.stringify(key)}`;
    const childNode = node.children.get(element) ?? emptyFieldSet();
    node.children.set(element, childNode);
    const error = readFieldsV1(child, childNode);
    if (error) return error;
    if (childNode.children.size === 0) childNode.member = true;
  }
  return undefined;
}

/** Re-encodes k:/v: keys so equal paths compare equal whatever key order a client sent. */
function canonicalElement(key: string): PathElement | undefined {
  const prefix = key.slice(0, 2);
  const body = key.slice(2);
  if (prefix === 'f:') return key;
  if (prefix === 'i:') return /^[0-9]+$/.test(body) ? key : undefined;
  if (prefix !== 'k:' && prefix !== 'v:') return undefined;
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(body) as JsonValue;
  } catch {
    return undefined;
  }
  if (prefix === 'v:') return valueElement(parsed);
  return isJsonObject(parsed) ? keyElement(Object.entries(parsed)) : undefined;
}

/** JSON with object keys sorted, so one value always encodes one way. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Upstream orders path elements by kind (fields, keys, values, indices), then by content. */
function sortedElements(set: FieldSet): PathElement[] {
  const rank = (element: PathElement): number => 'fkvi'.indexOf(element[0]!);
  return [...set.children.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function mapChildren(set: FieldSet, fn: (element: PathElement, child: FieldSet) => FieldSet): Map<PathElement, FieldSet> {
  const out = new Map<PathElement, FieldSet>();
  for (const [element, child] of set.children) out.set(element, fn(element, child));
  return out;
}

function copy(set: FieldSet): FieldSet {
  return union(set, emptyFieldSet());
}

/** Drops children that ended up empty. */
function prune(set: FieldSet): FieldSet {
  for (const [element, child] of set.children) if (isEmpty(child)) set.children.delete(element);
  return set;
}

// application/json-patch+json (RFC 6902) with the semantics of the library kube-apiserver uses,
// gopkg.in/evanphx/json-patch.v4, including where it departs from the RFC:
//  - "replace" of a missing object key adds it (only a missing parent or array index fails);
//  - "test" of a missing key succeeds when the value is null or absent;
//  - "copy" from a missing object key writes null;
//  - negative array indices count from the end;
//  - a path without a leading "/" addresses the root's last segment ("a/b" means "/b").
// Failure texts are the library's; the apiserver answers every apply failure with a bare 422 and
// keeps the text to itself (see patch.ts).

import { cloneJson, getKey, hasKey, isJsonObject, jsonEqual, setKey, type JsonObject, type JsonValue } from './json.js';

/** One decoded operation: Go keeps it as map[string]*json.RawMessage, so null is a nil map. */
export type JsonPatchOperation = JsonObject | null;

/** apiserver's JSONPatchMaxCopyBytes (3 MiB), which it installs as the library's copy limit. */
const MAX_ACCUMULATED_COPY_BYTES = 3 * 1024 * 1024;

/** The apiserver refuses patches with more operations than this (413). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

export type JsonPatchDecoding = { operations: JsonPatchOperation[] } | { error: string };

/**
 * Strict decoding into the handler's []jsonPatchOp, as kube-apiserver does before applying:
 * the body must be an array of objects whose op, path and from are strings.
 */
export function decodeJsonPatch(body: JsonValue): JsonPatchDecoding {
  if (body === null) return { operations: [] }; // a nil slice: no operations
  if (!Array.isArray(body)) {
    return { error: `json: cannot unmarshal ${goJsonKind(body)} into Go value of type []handlers.jsonPatchOp` };
  }
  for (const operation of body) {
    if (operation === null) continue;
    if (!isJsonObject(operation)) {
      return { error: `json: cannot unmarshal ${goJsonKind(operation)} into Go value of type handlers.jsonPatchOp` };
    }
    for (const field of ['op', 'path', 'from']) {
      const value = getKey(operation, field);
      if (value !== undefined && value !== null && typeof value !== 'string') {
        return {
          error: `json: cannot unmarshal ${goJsonKind(value)} into Go struct field jsonPatchOp.${field} of type string`,
        };
      }
    }
  }
  return { operations: body as JsonPatchOperation[] };
}

export type JsonPatchOutcome = { value: JsonValue } | { failure: string };

/** Applies the operations in order to a copy of `document`; the first failure stops the patch. */
export function applyJsonPatch(document: JsonValue, operations: readonly JsonPatchOperation[]): JsonPatchOutcome {
  const state: PatchState = { root: cloneJson(document) as Container, copiedBytes: 0 };
  for (const operation of operations) {
    const failure = applyOperation(state, operation);
    if (failure !== undefined) return { failure };
  }
  return { value: state.root };
}

type Container = JsonObject | JsonValue[];

interface PatchState {
  root: Container;
  copiedBytes: number;
}

interface Location {
  container: Container;
  key: string;
}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

function applyOperation(state: PatchState, operation: JsonPatchOperation): string | undefined {
  const kind = operation !== null && typeof getKey(operation, 'op') === 'string' ? (operation.op as string) : 'unknown';
  const op = operation ?? {};
  switch (kind) {
    case 'add':
      return add(state, op);
    case 'remove':
      return remove(state, op);
    case 'replace':
      return replace(state, op);
    case 'move':
      return move(state, op);
    case 'test':
      return test(state, op);
    case 'copy':
      return copy(state, op);
    default:
      return `Unexpected kind: ${kind}`;
  }
}

function add(state: PatchState, op: JsonObject): string | undefined {
  const path = stringField(op, 'path');
  if (path === undefined) return `add operation failed to decode path: ${MISSING}`;
  const location = findObject(state.root, path);
  if (!location) return `add operation does not apply: doc is missing path: "${path}": ${MISSING}`;
  const error = addAt(location, operationValue(op));
  return error && `error in add for path: '${path}': ${error}`;
}

function remove(state: PatchState, op: JsonObject): string | undefined {
  const path = stringField(op, 'path');
  if (path === undefined) return `remove operation failed to decode path: ${MISSING}`;
  const location = findObject(state.root, path);
  if (!location) return `remove operation does not apply: doc is missing path: "${path}": ${MISSING}`;
  const error = removeAt(location);
  return error && `error in remove for path: '${path}': ${error}`;
}

function replace(state: PatchState, op: JsonObject): string | undefined {
  const path = stringField(op, 'path');
  if (path === undefined) return `replace operation failed to decode path: operation missing path field: ${MISSING}`;
  if (path === '') {
    const value = getKey(op, 'value');
    // The library wraps a nil error here, which Go prints as %!w(<nil>).
    if (!Array.isArray(value) && !isJsonObject(value)) return 'replace operation value must be object or array: %!w(<nil>)';
    state.root = value;
    return undefined;
  }
  const location = findObject(state.root, path);
  if (!location) return `replace operation does not apply: doc is missing path: ${path}: ${MISSING}`;
  const found = getAt(location);
  if ('error' in found) return `replace operation does not apply: doc is missing key: ${path}: ${MISSING}`;
  setAt(location, operationValue(op));
  return undefined;
}

function move(state: PatchState, op: JsonObject): string | undefined {
  const from = stringField(op, 'from');
  if (from === undefined) return `move operation failed to decode from: operation, missing from field: ${MISSING}`;
  const source = findObject(state.root, from);
  if (!source) return `move operation does not apply: doc is missing from path: ${from}: ${MISSING}`;
  const found = getAt(source);
  if ('error' in found) return `error in move for path: '${source.key}': ${found.error}`;
  const removeError = removeAt(source);
  if (removeError) return `error in move for path: '${source.key}': ${removeError}`;
  const path = stringField(op, 'path');
  if (path === undefined) return `move operation failed to decode path: operation missing path field: ${MISSING}`;
  const target = findObject(state.root, path);
  if (!target) return `move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`;
  const error = addAt(target, found.value ?? null);
  return error && `error in move for path: '${path}': ${error}`;
}

function test(state: PatchState, op: JsonObject): string | undefined {
  const path = stringField(op, 'path');
  if (path === undefined) return `test operation failed to decode path: operation missing path field: ${MISSING}`;
  const expected = getKey(op, 'value');
  const failed = `testing value ${path} failed: test failed`;
  if (path === '') return expected !== undefined && jsonEqual(state.root, expected) ? undefined : failed;
  const location = findObject(state.root, path);
  if (!location) return `test operation does not apply: is missing path: ${path}: ${MISSING}`;
  const found = getAt(location);
  if ('error' in found) return `error in test for path: '${path}': ${found.error}`;
  // A missing key and a null value are the same nil node to the library.
  const actual = found.value ?? null;
  if (actual === null) return expected === undefined || expected === null ? undefined : failed;
  return expected !== undefined && jsonEqual(actual, expected) ? undefined : failed;
}

function copy(state: PatchState, op: JsonObject): string | undefined {
  const from = stringField(op, 'from');
  if (from === undefined) return `copy operation failed to decode from: operation, missing from field: ${MISSING}`;
  const source = findObject(state.root, from);
  if (!source) return `copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`;
  const found = getAt(source);
  if ('error' in found) return `error in copy for from: '${from}': ${found.error}`;
  const path = stringField(op, 'path');
  if (path === undefined) return `copy operation failed to decode path: ${MISSING}`;
  const target = findObject(state.root, path);
  if (!target) return `copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`;
  const value = found.value ?? null;
  if (found.value !== undefined && found.value !== null) {
    state.copiedBytes += Buffer.byteLength(JSON.stringify(value));
    if (state.copiedBytes > MAX_ACCUMULATED_COPY_BYTES) {
      return `Unable to complete the copy, the accumulated size increase of copy is ${state.copiedBytes}, exceeding the limit ${MAX_ACCUMULATED_COPY_BYTES}`;
    }
  }
  const error = addAt(target, cloneJson(value));
  return error && `error while adding value during copy: ${error}`;
}

/** A missing or null "path"/"from" is the library's "missing value". */
function stringField(op: JsonObject, field: string): string | undefined {
  const value = getKey(op, field);
  return typeof value === 'string' ? value : undefined;
}

/** An absent "value" is a nil node, which the library writes as null. */
function operationValue(op: JsonObject): JsonValue {
  return cloneJson(getKey(op, 'value') ?? null);
}

/** Walks to the container holding the path's last segment; undefined when any step is missing. */
function findObject(root: Container, path: string): Location | undefined {
  const segments = path.split('/');
  if (segments.length < 2) return undefined;
  let container = root;
  for (const segment of segments.slice(1, -1)) {
    const found = getAt({ container, key: decodeSegment(segment) });
    if ('error' in found) return undefined;
    const next = found.value;
    if (!Array.isArray(next) && !isJsonObject(next)) return undefined;
    container = next;
  }
  return { container, key: decodeSegment(segments[segments.length - 1]!) };
}

/** RFC 6901: ~1 is "/", then ~0 is "~" (so "~01" is "~1"). */
function decodeSegment(segment: string): string {
  return segment.replace(/~[01]/g, (escape) => (escape === '~1' ? '/' : '~'));
}

function getAt({ container, key }: Location): { value: JsonValue | undefined } | { error: string } {
  if (!Array.isArray(container)) return { value: getKey(container, key) };
  const parsed = parseIndex(key);
  if (typeof parsed === 'string') return { error: parsed };
  let index = parsed;
  if (index < 0n) {
    if (index < -BigInt(container.length)) return { error: `Unable to access invalid index: ${index}: ${INVALID_INDEX}` };
    index += BigInt(container.length);
  }
  if (index >= BigInt(container.length)) return { error: `Unable to access invalid index: ${index}: ${INVALID_INDEX}` };
  return { value: container[Number(index)] };
}

/** Only called after getAt succeeded for the same location. */
function setAt({ container, key }: Location, value: JsonValue): void {
  if (!Array.isArray(container)) {
    setKey(container, key, value);
    return;
  }
  const index = Number(parseIndex(key));
  container[index < 0 ? index + container.length : index] = value;
}

function addAt({ container, key }: Location, value: JsonValue): string | undefined {
  if (!Array.isArray(container)) {
    setKey(container, key, value);
    return undefined;
  }
  if (key === '-') {
    container.push(value);
    return undefined;
  }
  const parsed = parseIndex(key);
  if (typeof parsed === 'string') return `value was not a proper array index: '${key}': ${parsed}`;
  const size = BigInt(container.length + 1);
  let index = parsed;
  if (index >= size || index < -size) return `Unable to access invalid index: ${parsed}: ${INVALID_INDEX}`;
  if (index < 0n) index += size;
  container.splice(Number(index), 0, value);
  return undefined;
}

function removeAt({ container, key }: Location): string | undefined {
  if (!Array.isArray(container)) {
    if (!hasKey(container, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    delete container[key];
    return undefined;
  }
  const parsed = parseIndex(key);
  if (typeof parsed === 'string') return parsed;
  const length = BigInt(container.length);
  let index = parsed;
  if (index >= length || index < -length) return `Unable to access invalid index: ${parsed}: ${INVALID_INDEX}`;
  if (index < 0n) index += length;
  container.splice(Number(index), 1);
  return undefined;
}

const INT64_MAX = (1n << 63n) - 1n;

/** strconv.Atoi on a 64-bit platform: the index, or Go's error text. */
function parseIndex(key: string): bigint | string {
  if (!/^[+-]?[0-9]+$/.test(key)) return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  const value = BigInt(key);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) return `strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`;
  return value;
}

/** The JSON type names encoding/json uses in "cannot unmarshal X into ..." errors. */
export function goJsonKind(value: JsonValue): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (isJsonObject(value)) return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

// application/merge-patch+json (RFC 7386) as kube-apiserver applies it: gopkg.in/evanphx/json-patch.v4
// MergePatch. Objects merge key by key, null deletes a key, anything else replaces. Two library
// quirks are kept because clients observe them:
//  - nulls inside a value that is added (or that replaces a non-object) are pruned, also from
//    arrays: {"a":[1,null]} added to {} gives {"a":[1]};
//  - a non-object patch value replacing an object is taken as is, nulls included.
// Decoding the body (and its 400 errors) is the handler's job; see patch.ts.

import { cloneJson, hasKey, isJsonObject, setKey, type JsonObject, type JsonValue } from './json.js';

/** Applies `patch` to `target`; neither input is modified. */
export function mergePatch(target: JsonObject, patch: JsonObject): JsonObject {
  return mergeObjects(cloneJson(target), cloneJson(patch));
}

function mergeObjects(doc: JsonObject, patch: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete doc[key];
    } else if (!hasKey(doc, key) || doc[key] === null) {
      setKey(doc, key, pruneNulls(value));
    } else {
      setKey(doc, key, mergeValues(doc[key]!, value));
    }
  }
  return doc;
}

function mergeValues(current: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(current)) return pruneNulls(patch);
  if (!isJsonObject(patch)) return patch;
  return mergeObjects(current, patch);
}

function pruneNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(pruneNulls);
  if (!isJsonObject(value)) return value;
  for (const [key, item] of Object.entries(value)) {
    if (item === null) delete value[key];
    else setKey(value, key, pruneNulls(item));
  }
  return value;
}

// JSON values as the patch engines see them: parsed request bodies and stored objects.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality; object key order does not matter, array order does. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]!));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasKey(b, k) && jsonEqual(a[k]!, b[k]!));
  }
  return false;
}

/** A deep copy, so engines can work in place without touching their inputs. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

// Keys come from request bodies, so "constructor" or "__proto__" are ordinary field names here:
// lookups must never reach Object.prototype and writes must never set a prototype.

export function hasKey(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function getKey(object: JsonObject, key: string): JsonValue | undefined {
  return hasKey(object, key) ? object[key] : undefined;
}

export function setKey(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

// JSON objects -> protobuf message bytes, as gogo-protobuf writes them (ascending field numbers,
// non-pointer structs always present, map entries sorted by key).

import { KubeProtobufError, joinPath } from './errors.js';
import { messageSchema, wireTypeOf, type FieldSchema, type MessageSchema, type ValueType } from './schemas.js';
import { ProtoWriter, WireType, int64ToVarint, zigzagEncode } from './wire.js';

function invalid(path: string, expected: string, got: unknown): KubeProtobufError {
  const type = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
  return new KubeProtobufError('InvalidValue', `${path || 'object'}: expected ${expected}, got ${type}`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function encodeMessage(schema: MessageSchema, value: unknown, path: string): Uint8Array {
  if (schema.jsonForm) return encodeSpecial(schema, value, path);
  if (!isPlainObject(value)) throw invalid(path, 'an object', value);
  const owners = jsonKeyOwners(schema);
  for (const [key, v] of Object.entries(value)) {
    if (schema.isKind && (key === 'apiVersion' || key === 'kind')) continue;
    if (v !== undefined && !owners.has(key)) {
      throw new KubeProtobufError('UnsupportedField', `${joinPath(path, key)}: no such field in protobuf message ${schema.name}`);
    }
  }
  const writer = new ProtoWriter();
  // Go writes fields in ascending number order.
  for (const f of [...schema.fields].sort((a, b) => a.number - b.number)) {
    if (f.inline) {
      const inner = messageSchema((f.value as { message: string }).message);
      const picked = Object.fromEntries(inner.fields.map((g) => [g.name, value[g.name]]));
      writer.tag(f.number, WireType.LengthDelimited).bytes(encodeMessage(inner, picked, path));
    } else writeField(writer, f, value[f.name], joinPath(path, f.name));
  }
  return writer.finish();
}

const keyOwnersCache = new WeakMap<MessageSchema, Set<string>>();

/** The JSON keys a message accepts: its own fields plus those of inlined structs. */
function jsonKeyOwners(schema: MessageSchema): Set<string> {
  let keys = keyOwnersCache.get(schema);
  if (!keys) {
    keys = new Set<string>();
    for (const f of schema.fields) {
      if (f.inline) for (const k of jsonKeyOwners(messageSchema((f.value as { message: string }).message))) keys.add(k);
      else keys.add(f.name);
    }
    keyOwnersCache.set(schema, keys);
  }
  return keys;
}

function writeField(writer: ProtoWriter, f: FieldSchema, v: unknown, path: string): void {
  if (f.kind === 'map') {
    if (v === undefined || v === null) return;
    if (!isPlainObject(v)) throw invalid(path, 'an object', v);
    for (const key of Object.keys(v).sort()) {
      const entry = new ProtoWriter();
      writeValue(entry, 1, { scalar: f.mapKey! }, key, `${path} key`);
      writeValue(entry, 2, f.value, v[key], `${path}[${JSON.stringify(key)}]`);
      writer.tag(f.number, WireType.LengthDelimited).bytes(entry.finish());
    }
    return;
  }
  if (f.kind === 'repeated') {
    if (v === undefined || v === null) return;
    if (!Array.isArray(v)) throw invalid(path, 'an array', v);
    v.forEach((item, i) => writeValue(writer, f.number, f.value, item, `${path}[${i}]`));
    return;
  }
  if (v === undefined || v === null) {
    // A non-pointer struct is always on Go's wire (creationTimestamp: null is an empty Time).
    if ('message' in f.value && !f.pointer) writer.tag(f.number, WireType.LengthDelimited).uint32(0);
    return;
  }
  writeValue(writer, f.number, f.value, v, path);
}

function writeValue(writer: ProtoWriter, number: number, type: ValueType, v: unknown, path: string): void {
  if ('message' in type) {
    writer.tag(number, WireType.LengthDelimited).bytes(encodeMessage(messageSchema(type.message), v, path));
    return;
  }
  writer.tag(number, wireTypeOf(type.scalar));
  switch (type.scalar) {
    case 'string':
      if (typeof v !== 'string') throw invalid(path, 'a string', v);
      writer.string(v);
      return;
    case 'bytes':
      writer.bytes(decodeBase64(v, path));
      return;
    case 'bool':
      if (typeof v !== 'boolean') throw invalid(path, 'a boolean', v);
      writer.bool(v);
      return;
    case 'int32':
      writer.int32(checkInteger(v, path, 2 ** 31));
      return;
    case 'sint32':
      writer.varint(zigzagEncode(checkInteger(v, path, 2 ** 31)));
      return;
    case 'int64':
      writer.int64(checkInteger(v, path));
      return;
    case 'sint64':
      writer.varint(zigzagEncode(checkInteger(v, path)));
      return;
  }
}

function checkInteger(v: unknown, path: string, bound?: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || (bound !== undefined && (v < -bound || v >= bound))) {
    throw invalid(path, bound ? 'a 32-bit integer' : 'an integer', v);
  }
  return v;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's encoding/json reads []byte as standard, padded base64. */
function decodeBase64(v: unknown, path: string): Uint8Array {
  if (typeof v !== 'string' || !BASE64.test(v)) throw invalid(path, 'a base64 string', v);
  return Buffer.from(v, 'base64');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function encodeSpecial(schema: MessageSchema, v: unknown, path: string): Uint8Array {
  const w = new ProtoWriter();
  switch (schema.jsonForm) {
    case 'Time': {
      if (v === null) return w.finish();
      const ms = typeof v === 'string' && RFC3339.test(v) ? Date.parse(v) : NaN;
      if (Number.isNaN(ms)) throw invalid(path, 'an RFC 3339 time', v);
      // Whole seconds, as upstream's ProtoTime; nanos stay 0.
      return w.tag(1, WireType.Varint).varint(int64ToVarint(Math.floor(ms / 1000))).tag(2, WireType.Varint).int32(0).finish();
    }
    case 'Quantity':
      if (typeof v !== 'string' && typeof v !== 'number') throw invalid(path, 'a quantity', v);
      return w.tag(1, WireType.LengthDelimited).string(String(v)).finish();
    case 'IntOrString':
      if (typeof v === 'string') return w.tag(1, WireType.Varint).int64(1).tag(2, WireType.Varint).int32(0).tag(3, WireType.LengthDelimited).string(v).finish();
      return w.tag(1, WireType.Varint).int64(0).tag(2, WireType.Varint).int32(checkInteger(v, path, 2 ** 31)).tag(3, WireType.LengthDelimited).string('').finish();
    case 'RawJSON':
      return w.tag(1, WireType.LengthDelimited).string(JSON.stringify(v)).finish();
    case 'StringList':
      if (v !== null && !Array.isArray(v)) throw invalid(path, 'an array of strings', v);
      for (const [i, item] of (v ?? []).entries()) {
        if (typeof item !== 'string') throw invalid(`${path}[${i}]`, 'a string', item);
        w.tag(1, WireType.LengthDelimited).string(item);
      }
      return w.finish();
    case undefined:
      throw new Error(`${schema.name} has no special JSON form`);
  }
}

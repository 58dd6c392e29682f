// Protobuf message bytes -> the JSON form Go's encoding/json would write for the same struct.

import { KubeProtobufError, joinPath, malformed } from './errors.js';
import { fieldNamed, isVarintScalar, messageSchema, wireTypeOf, type FieldSchema, type MessageSchema, type ScalarType } from './schemas.js';
import { ProtoReader, WireType, varintToBool, varintToInt32, varintToInt64, zigzagDecode, type Tag } from './wire.js';

/**
 * What one message's fields held on the wire. Singular messages are kept as their raw chunks:
 * proto merges repeated occurrences, which is the same as decoding the concatenation.
 */
export type FieldValues = Map<FieldSchema, unknown>;

const utf8 = new TextDecoder(); // like Go, invalid UTF-8 is not an error (it becomes U+FFFD)

export function readFields(schema: MessageSchema, bytes: Uint8Array, path: string): FieldValues {
  const values: FieldValues = new Map();
  const reader = new ProtoReader(bytes);
  while (!reader.atEnd) {
    const tag = reader.readTag();
    const f = schema.byNumber.get(tag.field);
    if (!f) {
      const { empty } = reader.skipField(tag);
      if (schema.partial && !empty) {
        throw new KubeProtobufError(
          'UnsupportedField',
          `${path || schema.name}: field number ${tag.field} of ${schema.name} is not supported by the emulated API server`,
        );
      }
      continue;
    }
    readField(reader, tag, f, values, joinPath(path, f.name));
  }
  return values;
}

function readField(reader: ProtoReader, tag: Tag, f: FieldSchema, values: FieldValues, path: string): void {
  if (f.kind === 'map') {
    expectWireType(tag, WireType.LengthDelimited, path);
    const entries = (values.get(f) as Map<string, unknown> | undefined) ?? new Map<string, unknown>();
    const [key, value] = readMapEntry(reader.readBytes(), f, path);
    entries.set(key, value);
    values.set(f, entries);
    return;
  }
  if ('message' in f.value) {
    expectWireType(tag, WireType.LengthDelimited, path);
    const bytes = reader.readBytes();
    const list = (values.get(f) as unknown[] | undefined) ?? [];
    // Repeated elements are decoded now; a singular message waits for all its chunks.
    list.push(f.kind === 'repeated' ? decodeMessage(messageSchema(f.value.message), bytes, `${path}[${list.length}]`) : bytes);
    values.set(f, list);
    return;
  }
  const scalar = f.value.scalar;
  if (f.kind === 'repeated') {
    const list = (values.get(f) as unknown[] | undefined) ?? [];
    if (isVarintScalar(scalar) && tag.wireType === WireType.LengthDelimited) {
      // Packed encoding: one length-delimited run of varints.
      const packed = new ProtoReader(reader.readBytes());
      while (!packed.atEnd) list.push(readScalar(packed, scalar, path));
    } else {
      expectWireType(tag, wireTypeOf(scalar), path);
      list.push(readScalar(reader, scalar, path));
    }
    values.set(f, list);
    return;
  }
  expectWireType(tag, wireTypeOf(scalar), path);
  values.set(f, readScalar(reader, scalar, path));
}

function readMapEntry(bytes: Uint8Array, f: FieldSchema, path: string): [string, unknown] {
  const reader = new ProtoReader(bytes);
  let key: unknown;
  let value: unknown;
  const valueChunks: Uint8Array[] = [];
  while (!reader.atEnd) {
    const tag = reader.readTag();
    if (tag.field === 1) {
      expectWireType(tag, wireTypeOf(f.mapKey!), `${path} key`);
      key = readScalar(reader, f.mapKey!, path);
    } else if (tag.field === 2 && 'message' in f.value) {
      expectWireType(tag, WireType.LengthDelimited, `${path} value`);
      valueChunks.push(reader.readBytes());
    } else if (tag.field === 2 && 'scalar' in f.value) {
      expectWireType(tag, wireTypeOf(f.value.scalar), `${path} value`);
      value = readScalar(reader, f.value.scalar, path);
    } else reader.skipField(tag);
  }
  const keyText = String(key ?? scalarZero(f.mapKey!));
  const entryPath = `${path}[${JSON.stringify(keyText)}]`;
  if ('message' in f.value) return [keyText, decodeMessage(messageSchema(f.value.message), joinChunks(valueChunks), entryPath)];
  return [keyText, scalarToJson(value ?? scalarZero(f.value.scalar))];
}

function readScalar(reader: ProtoReader, scalar: ScalarType, path: string): unknown {
  switch (scalar) {
    case 'string':
      return utf8.decode(reader.readBytes());
    case 'bytes':
      return reader.readBytes();
    case 'bool':
      return varintToBool(reader.readVarint());
    case 'int32':
      return varintToInt32(reader.readVarint());
    case 'sint32':
      return (zigzagDecode(reader.readVarint()) ?? 0) | 0;
    case 'int64':
      return safeInteger(varintToInt64(reader.readVarint()), path);
    case 'sint64':
      return safeInteger(zigzagDecode(reader.readVarint()), path);
  }
}

function safeInteger(n: number | undefined, path: string): number {
  if (n === undefined) {
    throw new KubeProtobufError('Unrepresentable', `${path}: int64 value beyond ±2^53 cannot be represented exactly`);
  }
  return n;
}

function expectWireType(tag: Tag, expected: WireType, path: string): void {
  if (tag.wireType !== expected) throw malformed(`proto: wrong wireType = ${tag.wireType} for field ${path}`);
}

export function joinChunks(chunks: unknown): Uint8Array {
  const list = (chunks as Uint8Array[] | undefined) ?? [];
  return list.length === 1 ? list[0]! : Buffer.concat(list);
}

function scalarZero(scalar: ScalarType): unknown {
  if (scalar === 'string') return '';
  if (scalar === 'bytes') return new Uint8Array();
  if (scalar === 'bool') return false;
  return 0;
}

function isZeroScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false || (v instanceof Uint8Array && v.length === 0);
}

function scalarToJson(v: unknown): unknown {
  return v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.length).toString('base64') : v;
}

/** A message's JSON value: an object, or the special form of Time, Quantity and friends. */
export function decodeMessage(schema: MessageSchema, bytes: Uint8Array, path: string): unknown {
  const values = readFields(schema, bytes, path);
  if (schema.jsonForm) return specialToJson(schema, values, bytes.length === 0, path);
  const out: Record<string, unknown> = {};
  for (const f of schema.fields) {
    const json = fieldToJson(f, values.get(f), joinPath(path, f.name));
    if (json === undefined) continue;
    if (f.inline) Object.assign(out, json);
    else out[f.name] = json;
  }
  return out;
}

/** undefined means: Go's encoding/json leaves the key out. */
function fieldToJson(f: FieldSchema, raw: unknown, path: string): unknown {
  if (f.kind === 'map') {
    const entries = raw as Map<string, unknown> | undefined;
    if (!entries?.size) return f.omitEmpty ? undefined : null;
    // Go writes map keys sorted.
    return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  if (f.kind === 'repeated') {
    const list = raw as unknown[] | undefined;
    if (!list?.length) return f.omitEmpty ? undefined : null;
    return list.map(scalarToJson);
  }
  if ('message' in f.value) {
    // Go writes a non-pointer struct even when it is absent from the wire: as its zero value.
    if (raw === undefined && f.pointer) return f.omitEmpty ? undefined : null;
    return decodeMessage(messageSchema(f.value.message), joinChunks(raw), path);
  }
  if (raw === undefined) {
    if (f.omitEmpty) return undefined;
    return f.pointer ? null : scalarToJson(scalarZero(f.value.scalar));
  }
  if (isZeroScalar(raw) && f.omitEmpty && !f.pointer) return undefined;
  return scalarToJson(raw);
}

function specialToJson(schema: MessageSchema, values: FieldValues, empty: boolean, path: string): unknown {
  const get = (name: string): unknown => values.get(fieldNamed(schema, name));
  switch (schema.jsonForm) {
    case 'Time':
      // Upstream ignores nanos and reads an empty message as the zero time, which is null.
      return empty ? null : formatTime((get('seconds') as number | undefined) ?? 0, path);
    case 'Quantity':
      return (get('string') as string | undefined) || '0';
    case 'IntOrString': {
      const type = (get('type') as number | undefined) ?? 0;
      if (type === 0) return (get('intVal') as number | undefined) ?? 0;
      if (type === 1) return (get('strVal') as string | undefined) ?? '';
      throw new KubeProtobufError('Unrepresentable', `${path}: impossible IntOrString.Type ${type}`);
    }
    case 'RawJSON': {
      const raw = get('Raw') as Uint8Array | undefined;
      if (!raw?.length) return null;
      try {
        return JSON.parse(utf8.decode(raw)) as unknown;
      } catch {
        throw new KubeProtobufError('Unrepresentable', `${path}: raw field is not valid JSON`);
      }
    }
    case 'StringList': {
      const items = get('items') as string[] | undefined;
      return items?.length ? items : null;
    }
    case undefined:
      throw new Error(`${schema.name} has no special JSON form`);
  }
}

const MAX_TIME_SECONDS = 253402300799; // 9999-12-31T23:59:59Z
const MIN_TIME_SECONDS = -62167219200; // 0000-01-01T00:00:00Z

/** metav1.Time's JSON: RFC 3339 in UTC, whole seconds; Go refuses years outside 0-9999. */
function formatTime(seconds: number, path: string): string {
  if (seconds < MIN_TIME_SECONDS || seconds > MAX_TIME_SECONDS) {
    throw new KubeProtobufError('Unrepresentable', `${path}: time ${seconds}s since the epoch is outside years 0-9999`);
  }
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Reads the protobuf descriptors that gogo-protobuf compiles into every kubectl binary (gzipped
// FileDescriptorProto per generated.proto) so tests can check our schema table against the exact
// field numbers, names, types and order kubectl itself uses. Parsed with our own wire reader.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ProtoReader, varintToInt32, type Tag } from '../wire.js';

export interface FieldDescriptor {
  name: string;
  number: number;
  repeated: boolean;
  /** descriptor.proto FieldDescriptorProto.Type: 3 int64, 5 int32, 8 bool, 9 string, 11 message, 12 bytes... */
  type: number;
  /** ".k8s.io.api.rbac.v1.PolicyRule" for message fields. */
  typeName: string;
}

export interface MessageDescriptor {
  fullName: string;
  /** In declaration order, which for Kubernetes types is the Go struct's field order. */
  fields: FieldDescriptor[];
  mapEntry: boolean;
}

// A gzip member header as Go's compress/gzip writes it (no mtime, no name).
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);

export function readKubectlDescriptors(binaryPath: string): Map<string, MessageDescriptor> {
  const binary = readFileSync(binaryPath);
  const messages = new Map<string, MessageDescriptor>();
  for (let at = binary.indexOf(GZIP_HEADER); at >= 0; at = binary.indexOf(GZIP_HEADER, at + 1)) {
    let file: Buffer;
    try {
      file = gunzipSync(binary.subarray(at, at + (1 << 20)), { maxOutputLength: 1 << 22 });
    } catch {
      continue; // a byte pattern that only looks like gzip
    }
    for (const m of readFileDescriptor(file)) messages.set(m.fullName, m);
  }
  return messages;
}

/** FileDescriptorProto: 1 name, 2 package, 4 message_type. Non-Kubernetes files yield nothing. */
function readFileDescriptor(bytes: Uint8Array): MessageDescriptor[] {
  let name = '';
  let pkg = '';
  const messageBlobs: Uint8Array[] = [];
  try {
    forEachField(bytes, (tag, r) => {
      if (tag.field === 1 && tag.wireType === 2) name = text(r.readBytes());
      else if (tag.field === 2 && tag.wireType === 2) pkg = text(r.readBytes());
      else if (tag.field === 4 && tag.wireType === 2) messageBlobs.push(r.readBytes());
      else r.skipField(tag);
    });
  } catch {
    return [];
  }
  if (!name.startsWith('k8s.io/')) return [];
  return messageBlobs.flatMap((blob) => readMessage(blob, pkg));
}

/** DescriptorProto: 1 name, 2 field, 3 nested_type, 7 options (MessageOptions 7 map_entry). */
function readMessage(bytes: Uint8Array, scope: string): MessageDescriptor[] {
  let name = '';
  const fields: FieldDescriptor[] = [];
  const nested: Uint8Array[] = [];
  let mapEntry = false;
  forEachField(bytes, (tag, r) => {
    if (tag.field === 1) name = text(r.readBytes());
    else if (tag.field === 2) fields.push(readField(r.readBytes()));
    else if (tag.field === 3) nested.push(r.readBytes());
    else if (tag.field === 7) {
      forEachField(r.readBytes(), (t, o) => {
        if (t.field === 7) mapEntry = varintToInt32(o.readVarint()) !== 0;
        else o.skipField(t);
      });
    } else r.skipField(tag);
  });
  const fullName = `${scope}.${name}`;
  return [{ fullName, fields, mapEntry }, ...nested.flatMap((n) => readMessage(n, fullName))];
}

/** FieldDescriptorProto: 1 name, 3 number, 4 label (3 = repeated), 5 type, 6 type_name. */
function readField(bytes: Uint8Array): FieldDescriptor {
  const f: FieldDescriptor = { name: '', number: 0, repeated: false, type: 0, typeName: '' };
  forEachField(bytes, (tag, r) => {
    if (tag.field === 1) f.name = text(r.readBytes());
    else if (tag.field === 3) f.number = varintToInt32(r.readVarint());
    else if (tag.field === 4) f.repeated = varintToInt32(r.readVarint()) === 3;
    else if (tag.field === 5) f.type = varintToInt32(r.readVarint());
    else if (tag.field === 6) f.typeName = text(r.readBytes());
    else r.skipField(tag);
  });
  return f;
}

function forEachField(bytes: Uint8Array, visit: (tag: Tag, reader: ProtoReader) => void): void {
  const reader = new ProtoReader(bytes);
  while (!reader.atEnd) visit(reader.readTag(), reader);
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}

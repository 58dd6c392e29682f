// Kubernetes protobuf bodies (application/vnd.kubernetes.protobuf) <-> the JSON form of the same
// object. Decoding yields what the API server's JSON would show after reading the body into its
// Go struct: camelCase keys in Go field order, zero values dropped where Go's json tag says
// omitempty (so kubectl's `namespace: ""` wire padding disappears, exactly as with kubectl 1.31's
// JSON), int64 as numbers, bytes as base64, Time as RFC 3339 or null.

import { decodeMessage, joinChunks, readFields } from './decode-message.js';
import { encodeMessage } from './encode-message.js';
import { KubeProtobufError, malformed } from './errors.js';
import { fieldNamed, kindSchema, messageSchema } from './schemas.js';
import { ProtoWriter, WireType } from './wire.js';

export { KubeProtobufError, type ProtobufErrorReason } from './errors.js';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

/** "k8s\0": every Kubernetes protobuf body starts with it. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export interface DecodedObject {
  apiVersion: string;
  kind: string;
  /** The object in its Kubernetes JSON form, apiVersion and kind included. */
  object: Record<string, unknown>;
}

export function decodeKubernetesProtobuf(body: Uint8Array): DecodedObject {
  // Texts as upstream's protobuf serializer words them.
  if (body.length === 0) throw malformed('empty data');
  if (body.length < MAGIC.length || !MAGIC.equals(body.subarray(0, MAGIC.length))) {
    throw malformed('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  if (body.length === MAGIC.length) throw malformed('empty body');

  const envelope = readFields(UNKNOWN, body.subarray(MAGIC.length), 'envelope');
  const typeMeta = readFields(TYPE_META, joinChunks(envelope.get(fieldNamed(UNKNOWN, 'typeMeta'))), 'envelope.typeMeta');
  const apiVersion = (typeMeta.get(fieldNamed(TYPE_META, 'apiVersion')) as string | undefined) ?? '';
  const kind = (typeMeta.get(fieldNamed(TYPE_META, 'kind')) as string | undefined) ?? '';
  if (kind === '') throw new KubeProtobufError('UnknownKind', "Object 'Kind' is missing in the protobuf envelope");
  if (apiVersion === '') throw new KubeProtobufError('UnknownKind', "Object 'apiVersion' is missing in the protobuf envelope");
  const schema = kindSchema(apiVersion, kind);
  if (!schema) throw unknownKind(apiVersion, kind);

  const raw = (envelope.get(fieldNamed(UNKNOWN, 'raw')) as Uint8Array | undefined) ?? new Uint8Array();
  const fields = decodeMessage(schema.message, raw, '') as Record<string, unknown>;
  return { apiVersion, kind, object: { kind, apiVersion, ...fields } };
}

/**
 * The inverse of decodeKubernetesProtobuf. The envelope carries apiVersion and kind; those keys of
 * `object` (and of list items) are ignored. Throws rather than drop a field the schema lacks, so
 * the caller can answer in JSON instead.
 */
export function encodeKubernetesProtobuf(apiVersion: string, kind: string, object: Record<string, unknown>): Buffer {
  const schema = kindSchema(apiVersion, kind);
  if (!schema) throw unknownKind(apiVersion, kind);
  const raw = encodeMessage(schema.message, object, '');
  const typeMeta = new ProtoWriter().tag(1, WireType.LengthDelimited).string(apiVersion).tag(2, WireType.LengthDelimited).string(kind);
  const envelope = new ProtoWriter()
    .tag(1, WireType.LengthDelimited)
    .bytes(typeMeta.finish())
    .tag(2, WireType.LengthDelimited)
    .bytes(raw)
    // Go writes its empty contentEncoding and contentType strings; so does kubectl.
    .tag(3, WireType.LengthDelimited)
    .string('')
    .tag(4, WireType.LengthDelimited)
    .string('');
  return Buffer.concat([MAGIC, envelope.finish()]);
}

const UNKNOWN = messageSchema('k8s.io.apimachinery.pkg.runtime.Unknown');
const TYPE_META = messageSchema('k8s.io.apimachinery.pkg.runtime.TypeMeta');

function unknownKind(apiVersion: string, kind: string): KubeProtobufError {
  return new KubeProtobufError(
    'UnknownKind',
    `no kind "${kind}" is registered for version "${apiVersion}" in the protobuf codec of the emulated API server`,
  );
}

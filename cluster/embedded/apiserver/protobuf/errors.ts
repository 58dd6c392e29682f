// The one error type of the protobuf codec. The API server turns it into a Kubernetes Status:
// upstream answers every body it cannot decode with 400 BadRequest
// ("<Kind> in version \"<v>\" cannot be handled as a <Kind>: <message>").

export type ProtobufErrorReason =
  /** Not a well-formed Kubernetes protobuf body: bad magic, truncated data, wrong wire types. */
  | 'Malformed'
  /** The envelope names a kind (or no kind) that has no schema here. */
  | 'UnknownKind'
  /** Well-formed, but has no Kubernetes JSON form (int64 beyond 2^53, a year past 9999...). */
  | 'Unrepresentable'
  /** Sets a field our schema table leaves out, so decoding or encoding would silently lose it. */
  | 'UnsupportedField'
  /** An object handed to the encoder does not match the schema (wrong JSON type, bad base64...). */
  | 'InvalidValue';

export class KubeProtobufError extends Error {
  override readonly name = 'KubeProtobufError';

  constructor(
    readonly reason: ProtobufErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** "spec.rules" style paths, so an error names the field a user can go and fix. */
export function joinPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

export function malformed(message: string): KubeProtobufError {
  return new KubeProtobufError('Malformed', message);
}

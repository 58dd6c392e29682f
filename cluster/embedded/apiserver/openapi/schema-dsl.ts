// A compact way to write object schemas as data: types with described fields, references by
// OpenAPI definition name (io.k8s.api.rbac.v1.PolicyRule...). to-openapi.ts turns them into
// OpenAPI v3 components. Descriptions are ours, written for `kubectl explain`.

/** A JSON-schema fragment exactly as it appears in the document. */
export type JsonSchema = Record<string, unknown>;

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** The shape of a field or of an array/map element. */
export type Shape =
  | { of: 'primitive'; schema: JsonSchema }
  | { of: 'ref'; name: string }
  | { of: 'array'; items: Shape }
  | { of: 'map'; values: Shape };

export interface Field {
  description: string;
  shape: Shape;
  required: boolean;
  enum?: readonly string[];
}

export interface TypeDef {
  /** OpenAPI definition name, e.g. io.k8s.api.core.v1.Pod. */
  name: string;
  description: string;
  /** Set on kinds: how kubectl explain and the PATCH verifier find the schema. */
  gvk?: GroupVersionKind;
  /** Object types list their fields; scalar types (Time, Quantity) give their schema instead. */
  fields?: Readonly<Record<string, Field>>;
  scalar?: JsonSchema;
  /** Accept fields beyond the listed ones (x-kubernetes-preserve-unknown-fields). */
  openEnded?: boolean;
}

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

export const string: Shape = { of: 'primitive', schema: { type: 'string' } };
export const int32: Shape = { of: 'primitive', schema: { type: 'integer', format: 'int32' } };
export const int64: Shape = { of: 'primitive', schema: { type: 'integer', format: 'int64' } };
export const boolean: Shape = { of: 'primitive', schema: { type: 'boolean' } };
/** Base64 text on the wire (Secret data). */
export const bytes: Shape = { of: 'primitive', schema: { type: 'string', format: 'byte' } };
export const time: Shape = ref(`${META}Time`);
export const quantity: Shape = ref('io.k8s.apimachinery.pkg.api.resource.Quantity');
export const intOrString: Shape = ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString');

export function ref(name: string): Shape {
  return { of: 'ref', name };
}

export function listOf(items: Shape): Shape {
  return { of: 'array', items };
}

export function mapOf(values: Shape): Shape {
  return { of: 'map', values };
}

export function field(
  description: string,
  shape: Shape,
  options: { required?: boolean; enum?: readonly string[] } = {},
): Field {
  return { description, shape, required: options.required ?? false, ...(options.enum && { enum: options.enum }) };
}

export function objectType(name: string, description: string, fields: Record<string, Field>): TypeDef {
  return { name, description, fields };
}

export function scalarType(name: string, description: string, scalar: JsonSchema): TypeDef {
  return { name, description, scalar };
}

/** A top-level kind: apiVersion, kind and metadata come first, described once for all kinds. */
export function kindType(
  gvk: GroupVersionKind,
  name: string,
  description: string,
  fields: Record<string, Field>,
): TypeDef {
  return { name, description, gvk, fields: { ...typeMetaFields(), metadata: objectMetaField(), ...fields } };
}

export function typeMetaFields(): Record<string, Field> {
  return {
    apiVersion: field(
      'The versioned schema this object follows, as group/version (just "v1" for the core group). ' +
        'The server converts between the versions it serves.',
      string,
    ),
    kind: field('The type of this object, in CamelCase. Fixed for each endpoint; clients may not change it.', string),
  };
}

function objectMetaField(): Field {
  return field(
    'Standard object metadata: name, namespace, labels, annotations, owner references and the fields the server manages.',
    ref(`${META}ObjectMeta`),
  );
}

// Turns TypeDefs into OpenAPI v3 component schemas shaped like kube-apiserver's: described refs
// wrapped in allOf (OpenAPI 3.0 ignores siblings of $ref), properties in key order.

import { byteOrder } from '../catalog/byte-order.js';
import type { Field, JsonSchema, Shape, TypeDef } from './schema-dsl.js';

export const SCHEMA_PREFIX = '#/components/schemas/';

/** `fieldExtensions`: vendor extensions to add to some of the type's fields, by field name. */
export function toComponentSchema(type: TypeDef, fieldExtensions?: ReadonlyMap<string, JsonSchema>): JsonSchema {
  const schema: JsonSchema = { description: type.description };
  if (type.scalar) Object.assign(schema, type.scalar);
  if (type.fields) {
    const entries = Object.entries(type.fields);
    const required = entries.filter(([, f]) => f.required).map(([name]) => name);
    const sorted = [...entries].sort(([a], [b]) => byteOrder(a, b));
    schema.type = 'object';
    schema.properties = Object.fromEntries(
      sorted.map(([name, f]) => [name, { ...fieldSchema(f), ...fieldExtensions?.get(name) }]),
    );
    if (required.length > 0) schema.required = required;
  }
  if (type.openEnded) schema['x-kubernetes-preserve-unknown-fields'] = true;
  if (type.gvk) {
    schema['x-kubernetes-group-version-kind'] = [
      { group: type.gvk.group, kind: type.gvk.kind, version: type.gvk.version },
    ];
  }
  return schema;
}

function fieldSchema(f: Field): JsonSchema {
  const s = f.shape;
  const base: JsonSchema =
    s.of === 'ref'
      ? { description: f.description, allOf: [{ $ref: SCHEMA_PREFIX + s.name }] }
      : { ...elementSchema(s), description: f.description };
  if (f.enum) base.enum = [...f.enum];
  return base;
}

function elementSchema(s: Shape): JsonSchema {
  switch (s.of) {
    case 'primitive':
      return { ...s.schema };
    case 'ref':
      return { $ref: SCHEMA_PREFIX + s.name };
    case 'array':
      return { type: 'array', items: elementSchema(s.items) };
    case 'map':
      return { type: 'object', additionalProperties: elementSchema(s.values) };
  }
}

/** Names of the definitions a type refers to directly. */
export function referencedNames(type: TypeDef): string[] {
  const names: string[] = [];
  const visit = (s: Shape): void => {
    if (s.of === 'ref') names.push(s.name);
    else if (s.of === 'array') visit(s.items);
    else if (s.of === 'map') visit(s.values);
  };
  for (const f of Object.values(type.fields ?? {})) visit(f.shape);
  return names;
}

// Unknown fields, as kube-apiserver's strict JSON decoder finds them. Decoding into the Go type
// drops every field the type does not declare; with fieldValidation=Strict the request fails with
// `Role in version "v1" cannot be handled as a Role: strict decoding error: unknown field "rulez"`,
// with Warn (the server default) each one becomes a warning. Paths read like
// `rules[0].resourceName` or `spec.template.spec.containers[0].imagee`.
//
// Only kinds whose schemas list every field upstream declares are checked: elsewhere our schemas
// are a subset (see schemas/pod.ts), and dropping a real field would lose user data.

import type { GroupVersionKind, Shape, TypeDef } from './schema-dsl.js';
import { META } from './schema-dsl.js';
import { MODELLED_TYPES } from './schemas/index.js';

/** Kinds whose schema, and every type it refers to, declares all the fields upstream has. */
const FULLY_DESCRIBED_KINDS: ReadonlySet<string> = new Set([
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  '/v1/ServiceAccount',
  '/v1/Secret',
  '/v1/ConfigMap',
]);

/** Free-form content: a managed-fields trie is keyed by field paths, not by declared fields. */
const OPEN_TYPES: ReadonlySet<string> = new Set([`${META}FieldsV1`]);

export interface DecodedFields {
  /** The object without its unknown fields, as the typed decoder leaves it. */
  object: Record<string, unknown>;
  /** Paths of the dropped fields, in document order. */
  unknown: string[];
}

const byName = new Map(MODELLED_TYPES.map((t) => [t.name, t]));
const byKind = new Map(MODELLED_TYPES.filter((t) => t.gvk).map((t) => [gvkKey(t.gvk!), t]));

/** Whether the server knows every field of this kind (and so drops and reports unknown ones). */
export function checksUnknownFields(gvk: GroupVersionKind): boolean {
  return FULLY_DESCRIBED_KINDS.has(gvkKey(gvk)) && byKind.has(gvkKey(gvk));
}

/** Splits an object of a fully described kind into its known fields and the unknown paths. */
export function dropUnknownFields(gvk: GroupVersionKind, obj: Record<string, unknown>): DecodedFields {
  const type = checksUnknownFields(gvk) ? byKind.get(gvkKey(gvk)) : undefined;
  if (!type) return { object: obj, unknown: [] };
  const unknown: string[] = [];
  return { object: walkType(obj, type, '', unknown) as Record<string, unknown>, unknown };
}

/** The strict decoder's error text for these paths. */
export function strictDecodingError(unknown: readonly string[]): string {
  return `strict decoding error: ${unknown.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`;
}

function walkType(value: unknown, type: TypeDef, path: string, unknown: string[]): unknown {
  if (!type.fields || type.openEnded || OPEN_TYPES.has(type.name) || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const field = Object.prototype.hasOwnProperty.call(type.fields, key) ? type.fields[key] : undefined;
    if (!field) {
      unknown.push(childPath);
      continue;
    }
    out[key] = walkShape(child, field.shape, childPath, unknown);
  }
  return out;
}

function walkShape(value: unknown, shape: Shape, path: string, unknown: string[]): unknown {
  switch (shape.of) {
    case 'primitive':
      return value;
    case 'ref': {
      const type = byName.get(shape.name);
      return type ? walkType(value, type, path, unknown) : value;
    }
    case 'array':
      return Array.isArray(value) ? value.map((item, i) => walkShape(item, shape.items, `${path}[${i}]`, unknown)) : value;
    case 'map':
      if (!isPlainObject(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walkShape(v, shape.values, `${path}[${k}]`, unknown)]));
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

// The strategic-merge-patch vendor extensions of our schemas (x-kubernetes-patch-strategy,
// x-kubernetes-patch-merge-key), taken from the patch engine's metadata table so both sides
// read the same source, as upstream both come from the Go struct tags.
//
// kubectl apply (client side) computes its three-way patch with these extensions from the
// OpenAPI v3 document (PatchMetaFromOpenAPIV3). Without them every list is "replace": a list
// the server defaults (containers, ports...) then differs from the manifest on every apply, so a
// second apply of an unchanged pod prints "configured" instead of "unchanged".

import type { JsonSchema, Shape, TypeDef } from './schema-dsl.js';
import { childPath, fieldMeta, kindMeta } from '../patch/patch-meta.js';

/** Extensions per definition name, then per field name. */
export type PatchExtensions = ReadonlyMap<string, ReadonlyMap<string, JsonSchema>>;

/**
 * Walks every kind from its root, following refs, and records the extensions of each field
 * of each definition. A definition shared by several kinds (PodSpec in Pod and Deployment) is
 * one Go type upstream, so its tags agree; the first kind that tags a field decides.
 */
export function patchExtensions(types: readonly TypeDef[]): PatchExtensions {
  const byName = new Map(types.map((t) => [t.name, t]));
  const result = new Map<string, Map<string, JsonSchema>>();

  const visitType = (type: TypeDef, kind: ReturnType<typeof kindMeta>, path: string, seen: Set<string>): void => {
    if (seen.has(type.name)) return; // recursive types (JSONSchemaProps) end the walk
    const inner = new Set(seen).add(type.name);
    for (const [name, field] of Object.entries(type.fields ?? {})) {
      const fieldPath = childPath(path, name);
      const meta = fieldMeta(kind, fieldPath);
      const extensions: JsonSchema = {};
      if (meta.mergeKey) extensions['x-kubernetes-patch-merge-key'] = meta.mergeKey;
      if (meta.strategy) extensions['x-kubernetes-patch-strategy'] = meta.strategy;
      if (Object.keys(extensions).length > 0) {
        let fields = result.get(type.name);
        if (!fields) result.set(type.name, (fields = new Map()));
        if (!fields.has(name)) fields.set(name, extensions);
      }
      const target = refTarget(field.shape);
      const referenced = target === undefined ? undefined : byName.get(target);
      if (referenced) visitType(referenced, kind, fieldPath, inner);
    }
  };

  for (const type of types) {
    if (type.gvk) visitType(type, kindMeta(type.gvk.kind), '', new Set());
  }
  return result;
}

/** The definition a field's values are, through arrays and maps (list items add no path segment). */
function refTarget(shape: Shape): string | undefined {
  switch (shape.of) {
    case 'ref':
      return shape.name;
    case 'array':
      return refTarget(shape.items);
    case 'map':
      return undefined; // map values are keyed data, not struct fields of the path
    case 'primitive':
      return undefined;
  }
}

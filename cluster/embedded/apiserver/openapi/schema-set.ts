// Collects the schemas one group-version document needs: the kinds it serves (our own schema
// when we wrote one, a permissive one otherwise), their list types, and everything they refer to.

import { byteOrder } from '../catalog/byte-order.js';
import type { GroupVersionKind, JsonSchema, TypeDef } from './schema-dsl.js';
import { META, field, kindType, listOf, ref, typeMetaFields } from './schema-dsl.js';
import { referencedNames, toComponentSchema } from './to-openapi.js';
import { patchExtensions, type PatchExtensions } from './patch-extensions.js';

// The walk is the same for every document built from one list of types.
const extensionsOf = new WeakMap<readonly TypeDef[], PatchExtensions>();

export class SchemaSet {
  private readonly byName = new Map<string, TypeDef>();
  private readonly byKind = new Map<string, TypeDef>();
  private readonly included = new Map<string, TypeDef>();
  private readonly extensions: PatchExtensions;

  constructor(modelled: readonly TypeDef[]) {
    let extensions = extensionsOf.get(modelled);
    if (!extensions) extensionsOf.set(modelled, (extensions = patchExtensions(modelled)));
    this.extensions = extensions;
    for (const t of modelled) {
      if (this.byName.has(t.name)) throw new Error(`schema ${t.name} is defined twice`);
      this.byName.set(t.name, t);
      if (t.gvk) this.byKind.set(gvkKey(t.gvk), t);
    }
  }

  /** Whether we wrote a schema for this kind. */
  isModelled(gvk: GroupVersionKind): boolean {
    return this.byKind.has(gvkKey(gvk));
  }

  /** Includes the schema of a kind and returns its definition name. */
  kind(gvk: GroupVersionKind): string {
    const type = this.byKind.get(gvkKey(gvk)) ?? permissiveKind(gvk);
    this.included.set(type.name, type);
    return type.name;
  }

  /** Includes the list type of a kind (kind() first) and returns its definition name. */
  list(gvk: GroupVersionKind, itemName: string): string {
    const type: TypeDef = {
      name: `${itemName}List`,
      description: `A list of ${gvk.kind} objects.`,
      gvk: { ...gvk, kind: `${gvk.kind}List` },
      fields: {
        ...typeMetaFields(),
        metadata: field('List metadata: resource version and continue token.', ref(`${META}ListMeta`)),
        items: field(`The ${gvk.kind} objects.`, listOf(ref(itemName)), { required: true }),
      },
    };
    this.included.set(type.name, type);
    return type.name;
  }

  /** Includes a modelled type by name (e.g. the Patch body). */
  named(name: string): string {
    this.included.set(name, this.resolve(name));
    return name;
  }

  /** The included types and everything they refer to, sorted by name, as OpenAPI schemas. */
  components(): Record<string, JsonSchema> {
    const closure = new Map(this.included);
    const pending = [...closure.values()];
    for (let type = pending.pop(); type; type = pending.pop()) {
      for (const name of referencedNames(type)) {
        if (closure.has(name)) continue;
        const referenced = this.resolve(name);
        closure.set(name, referenced);
        pending.push(referenced);
      }
    }
    const sorted = [...closure.entries()].sort(([a], [b]) => byteOrder(a, b));
    return Object.fromEntries(sorted.map(([name, type]) => [name, toComponentSchema(type, this.extensions.get(name))]));
  }

  private resolve(name: string): TypeDef {
    const type = this.included.get(name) ?? this.byName.get(name);
    if (!type) throw new Error(`schema ${name} is referenced but not defined`);
    return type;
  }
}

/**
 * A kind we list but did not describe: apiVersion, kind and metadata, and any other field
 * accepted as it is, so `kubectl apply -f` works for it and `kubectl explain` says so.
 */
function permissiveKind(gvk: GroupVersionKind): TypeDef {
  return {
    ...kindType(
      gvk,
      `${definitionPackage(gvk.group, gvk.version)}.${gvk.kind}`,
      `${gvk.kind} is served by this cluster, but kubelab does not describe its fields: explain lists only ` +
        'the fields every object has. The server still accepts the full object.',
      {},
    ),
    openEnded: true,
  };
}

/** The Go package kube-apiserver names definitions after, e.g. io.k8s.api.rbac.v1. */
function definitionPackage(group: string, version: string): string {
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  if (group === 'apiregistration.k8s.io') return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}`;
  const pkg = group === '' ? 'core' : (group.split('.')[0] ?? group);
  return `io.k8s.api.${pkg}.${version}`;
}

function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

// One OpenAPI v3 document per served group version, like /openapi/v3/apis/<group>/<version>:
// the paths of its resources and the schemas they use.

import { sortedByKey } from '../catalog/byte-order.js';
import type { CatalogResource, ResourceCatalog } from '../catalog/catalog.js';
import type { JsonSchema } from './schema-dsl.js';
import { META } from './schema-dsl.js';
import { SchemaSet } from './schema-set.js';
import { STATUS, resourcePaths } from './paths.js';
import { MODELLED_TYPES } from './schemas/index.js';

export function groupVersionDocument(
  catalog: ResourceCatalog,
  group: string,
  version: string,
  serverVersion: string,
): JsonSchema {
  const schemas = new SchemaSet(MODELLED_TYPES);
  const patch = schemas.named(`${META}Patch`);
  schemas.named(STATUS);
  const paths: Record<string, unknown> = {};
  for (const r of catalog.resourcesIn(group, version)) {
    const gvk = { group, version, kind: r.kind };
    const kind = schemas.kind(gvk);
    const list = r.verbs.includes('list') ? schemas.list(gvk, kind) : undefined;
    const subresourceKinds = describedCreateOnlySubresources(r, schemas);
    Object.assign(paths, resourcePaths(r, { kind, list, patch, subresourceKinds }));
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    paths: sortedByKey(paths),
    components: {
      schemas: schemas.components(),
      securitySchemes: {
        BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' },
      },
    },
  };
}

/** serviceaccounts/token and the like: create-only subresources whose kind we describe. */
function describedCreateOnlySubresources(r: CatalogResource, schemas: SchemaSet): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const sub of r.subresources ?? []) {
    const gvk = { group: sub.group ?? r.group, version: sub.version ?? r.version, kind: sub.kind };
    if (sub.verbs.length === 1 && sub.verbs[0] === 'create' && schemas.isModelled(gvk)) {
      kinds.set(sub.name, schemas.kind(gvk));
    }
  }
  return kinds;
}

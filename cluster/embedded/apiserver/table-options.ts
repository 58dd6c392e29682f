// Table options for a request: what `?includeObject=` asks and which kind the rows' objects are.

import type { ResourceRequest } from './registry/generic.js';
import { apiVersionOf } from './registry/generic.js';
import { parseIncludeObject, type TableVersion, type ToTableOptions } from './printers/table.js';

export function tableOptionsFor(r: ResourceRequest, version: TableVersion, now: Date, extra: Pick<ToTableOptions, 'list'> & Partial<ToTableOptions>): ToTableOptions {
  return {
    now,
    version,
    includeObject: parseIncludeObject(r.query.get('includeObject')),
    objectType: { apiVersion: apiVersionOf(r.def), kind: r.def.kind },
    ...extra,
  };
}


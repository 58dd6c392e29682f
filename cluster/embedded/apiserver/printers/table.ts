// Server-side Tables (meta.k8s.io Table), what kube-apiserver returns when a client such as
// `kubectl get` asks for `application/json;as=Table;v=v1;g=meta.k8s.io`. Mirrors the endpoint
// handlers' asTable: the resource's printer builds the rows, then each row's object becomes
// PartialObjectMetadata (the default), the full object, or nothing, per ?includeObject=.

import type { KubeObject, ObjectMeta } from '../types.js';
import { badRequest } from '../status.js';
import { printerFor } from './columns.js';
import type { CellValue, PrinterOptions, TableColumnDefinition, TableRowCondition } from './printer.js';

export type TableVersion = 'v1' | 'v1beta1';

/** metav1.IncludeObjectPolicy: kubectl sends nothing (Metadata), or Object for --sort-by. */
export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object';

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: `meta.k8s.io/${TableVersion}`;
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: CellValue[];
  conditions?: TableRowCondition[];
  /** RawExtension of nil marshals as null. */
  object: PartialObjectMetadata | KubeObject | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: `meta.k8s.io/${TableVersion}`;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  /** null only from the default convertor with nothing to list (a nil Go slice). */
  rows: TableRow[] | null;
}

export interface ToTableOptions extends PrinterOptions {
  includeObject: IncludeObjectPolicy;
  /** A list response (GET on a collection) rather than one object. */
  list: boolean;
  /** Lists: the list's resourceVersion. Single objects default to their own. */
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** Which meta.k8s.io version the client accepted; see parseTableAccept. Default v1. */
  version?: TableVersion;
  /**
   * apiVersion/kind of the version the client requested. includeObject=Object rows carry it
   * (upstream converts each object to that version); without it the stored values are kept.
   */
  objectType?: { apiVersion: string; kind: string };
}

/** Render objects of `group`/`resourcePlural` as a Table. */
export function toTable(
  resourcePlural: string,
  group: string,
  objects: readonly KubeObject[],
  options: ToTableOptions,
): Table {
  const printer = printerFor(group, resourcePlural);
  const apiVersion = `meta.k8s.io/${options.version ?? 'v1'}` as const;

  const rows = objects.map((obj): TableRow => {
    const { cells, conditions } = printer.printRow(obj, options);
    const object = embeddedObject(obj, options, apiVersion);
    // Keys in metav1.TableRow's order: cells, conditions (only when set), object.
    return conditions ? { cells, conditions, object } : { cells, object };
  });

  return {
    kind: 'Table',
    apiVersion,
    metadata: listMeta(objects, options),
    columnDefinitions: [...printer.columns],
    rows: rows.length === 0 && printer.source === 'default-convertor' ? null : rows,
  };
}

function embeddedObject(
  obj: KubeObject,
  options: ToTableOptions,
  apiVersion: PartialObjectMetadata['apiVersion'],
): TableRow['object'] {
  switch (options.includeObject) {
    case 'None':
      return null;
    case 'Object':
      return {
        ...obj,
        apiVersion: options.objectType?.apiVersion ?? obj.apiVersion,
        kind: options.objectType?.kind ?? obj.kind,
      };
    case 'Metadata':
      // ObjectMeta.creationTimestamp has no omitempty: an unset one serializes as null.
      return {
        kind: 'PartialObjectMetadata',
        apiVersion,
        metadata: { ...obj.metadata, creationTimestamp: obj.metadata.creationTimestamp ?? null },
      };
  }
}

/** ListMeta with Go's omitempty: empty strings and a zero count are left out. */
function listMeta(objects: readonly KubeObject[], options: ToTableOptions): Table['metadata'] {
  const meta: Table['metadata'] = {};
  const resourceVersion = options.list
    ? options.resourceVersion
    : (options.resourceVersion ?? objects[0]?.metadata.resourceVersion);
  if (resourceVersion) meta.resourceVersion = resourceVersion;
  if (options.list && options.continue) meta.continue = options.continue;
  if (options.list && options.remainingItemCount) meta.remainingItemCount = options.remainingItemCount;
  return meta;
}

/** The ?includeObject= query parameter; absent means Metadata. Throws 400 like the apiserver. */
export function parseIncludeObject(raw: string | null | undefined): IncludeObjectPolicy {
  if (raw === null || raw === undefined || raw === '') return 'Metadata';
  if (raw === 'None' || raw === 'Metadata' || raw === 'Object') return raw;
  throw badRequest(`unrecognized includeObject value: "${raw}"`);
}

interface MediaRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
  q: number;
}

function parseMediaRange(clause: string): MediaRange | undefined {
  const [mediaType = '', ...rawParams] = clause.split(';').map((p) => p.trim());
  const [type, subtype] = mediaType.toLowerCase().split('/');
  if (!type || !subtype) return undefined;
  const params = new Map<string, string>();
  let q = 1;
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    const value = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'q') q = Number.parseFloat(value);
    else params.set(key, value);
  }
  return { type, subtype, params, q: Number.isNaN(q) ? 0 : q };
}

/** goautoneg's order: higher q first, then concrete types before wildcards; otherwise as sent. */
function byPreference(a: MediaRange, b: MediaRange): number {
  if (a.q !== b.q) return b.q - a.q;
  const specificity = (c: MediaRange): number => (c.type === '*' ? 0 : 2) + (c.subtype === '*' ? 0 : 1);
  return specificity(b) - specificity(a);
}

/** The clause forms negotiation matches against the JSON serializer. */
function matchesJson(c: MediaRange): boolean {
  return (c.type === 'application' && (c.subtype === 'json' || c.subtype === '*')) || (c.type === '*' && c.subtype === '*');
}

/**
 * Decide from an Accept header whether the client wants a Table, and which version. As in the
 * apiserver's negotiation, clauses are tried by preference and the first one that can be served
 * as JSON wins: a Table clause needs g=meta.k8s.io and v=v1 or v1beta1; a clause without `as`
 * means the plain object (undefined here). Unknown parameters do not disqualify a clause.
 * YAML and protobuf Tables, and as=PartialObjectMetadata, are not served by this module.
 */
export function parseTableAccept(acceptHeader: string | undefined): { version: TableVersion } | undefined {
  if (!acceptHeader) return undefined;
  const clauses = acceptHeader
    .split(',')
    .map(parseMediaRange)
    .filter((c): c is MediaRange => c !== undefined)
    .sort(byPreference); // stable: ties keep the client's order

  for (const clause of clauses) {
    if (!matchesJson(clause)) continue;
    const as = clause.params.get('as');
    if (as === undefined) return undefined;
    if (as !== 'Table' || clause.params.get('g') !== 'meta.k8s.io') continue;
    const version = clause.params.get('v');
    if (version === 'v1' || version === 'v1beta1') return { version };
  }
  return undefined;
}

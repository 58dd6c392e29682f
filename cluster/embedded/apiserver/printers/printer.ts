// The shape every resource printer shares: meta.k8s.io column definitions plus a row function,
// the TypeScript twin of a printers.TableHandler(columnDefinitions, printFunc) registration.

import type { KubeObject } from '../types.js';
import { objectMeta } from './descriptions.js';

/** metav1.TableColumnDefinition; every field is serialized, even an empty format. */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: string, integer, number, boolean or date. */
  type: string;
  /** OpenAPI format; "name" marks the column holding the object name. */
  format: string;
  description: string;
  /** 0 is always shown; kubectl shows higher priorities only with -o wide. */
  priority: number;
}

/** A cell: Go printers emit strings, int64s and bools. */
export type CellValue = string | number | boolean;

/** metav1.TableRowCondition (pods set Completed for Succeeded/Failed). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface PrintedRow {
  cells: CellValue[];
  conditions?: TableRowCondition[];
}

/** Everything a row may depend on besides the object: ages are relative to `now`. */
export interface PrinterOptions {
  now: Date;
}

export interface ResourcePrinter {
  /**
   * Which upstream path builds this table: a printers.go handler, or the generic
   * rest.defaultTableConvertor (which leaves `rows` null when there are no objects).
   */
  source: 'printer' | 'default-convertor';
  columns: readonly TableColumnDefinition[];
  printRow(obj: KubeObject, options: PrinterOptions): PrintedRow;
}

/** A column with printers.go defaults: no format, priority 0. */
export function column(
  name: string,
  type: string,
  description: string,
  extra: { format?: string; priority?: number } = {},
): TableColumnDefinition {
  return { name, type, format: extra.format ?? '', description, priority: extra.priority ?? 0 };
}

/** Shown only with -o wide. */
export function wideColumn(name: string, type: string, description: string): TableColumnDefinition {
  return column(name, type, description, { priority: 1 });
}

export const nameColumn = column('Name', 'string', objectMeta.name, { format: 'name' });
export const ageColumn = column('Age', 'string', objectMeta.creationTimestamp);

/** The object's name, "" when unset (Go's zero string). */
export function nameOf(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

/** Lay out containers on one line, comma-separated (layoutContainerCells). */
export function containerCells(containers: readonly { name?: string; image?: string }[] | undefined): {
  names: string;
  images: string;
} {
  const list = containers ?? [];
  return {
    names: list.map((c) => c.name ?? '').join(','),
    images: list.map((c) => c.image ?? '').join(','),
  };
}

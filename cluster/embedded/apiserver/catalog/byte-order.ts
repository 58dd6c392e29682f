// Sorting as Go's sort.Strings does (byte order). localeCompare would reorder "/", "-" and case.

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of the record with its keys in byte order, so the JSON is the same every time. */
export function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byteOrder(a, b)));
}

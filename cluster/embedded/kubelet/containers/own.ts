// Table lookups with keys that may come from users (command names, field paths): only the
// table's own entries count, never Object.prototype's ("__proto__", "constructor"...).

export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

// Values kept per request method and target (path, maybe with its query), bounded: the same
// few targets come again and again (probes, scrapers), and a full cache is simply emptied.
// Two levels rather than one "METHOD target" key: that key would be a new string on every
// request, hashed afresh for every lookup.

export class TargetCache<V> {
  private readonly byMethod = new Map<string, Map<string, V>>();
  private entries = 0;

  constructor(private readonly maxEntries: number) {}

  get(method: string, target: string): V | undefined {
    return this.byMethod.get(method)?.get(target);
  }

  set(method: string, target: string, value: V): void {
    if (this.entries >= this.maxEntries) {
      this.byMethod.clear();
      this.entries = 0;
    }
    let byTarget = this.byMethod.get(method);
    if (!byTarget) {
      byTarget = new Map();
      this.byMethod.set(method, byTarget);
    }
    if (!byTarget.has(target)) this.entries++;
    byTarget.set(target, value);
  }
}

// A bounded cache whose entries expire after a per-entry TTL, read against an injectable clock:
// the shape of k8s.io/apimachinery's LRUExpireCache that the kubelet's webhook authenticator and
// authorizer keep their TokenReview and SubjectAccessReview answers in. The API server keeps its
// verified ServiceAccount tokens in one too.

export interface CachedEntry<V> {
  value: V;
  /** Epoch ms after which the entry is gone. */
  expiresAt: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, CachedEntry<V>>();
  /**
   * The most recently used key. Keys can be long (a bearer token is ~1 KB) and arrive as fresh
   * strings, so a Map lookup hashes them every time; the same caller asking again and again
   * (a probe, a scraper, a benchmark) compares equal to this one without hashing.
   */
  private newestKey: string | undefined;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(key: string): CachedEntry<V> | undefined {
    const newest = key === this.newestKey;
    const entry = this.entries.get(newest ? this.newestKey! : key);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.entries.delete(key);
      if (newest) this.newestKey = undefined;
      return undefined;
    }
    if (!newest) {
      // Most recently used moves to the end, so eviction drops the least recently used first.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newestKey = key;
    }
    return entry;
  }

  /** A TTL of zero (or less) stores nothing: the next lookup asks again. */
  add(key: string, value: V, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    this.newestKey = key;
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('forgets an entry once its TTL has passed, by the injected clock', () => {
    let now = 1_000;
    const cache = new TtlCache<string>(10, () => now);
    cache.add('k', 'v', 30_000);
    now += 29_999;
    expect(cache.get('k')?.value).toBe('v');
    now += 1;
    expect(cache.get('k')).toBeUndefined();
  });

  it('stores nothing for a zero TTL', () => {
    const cache = new TtlCache<string>(10, () => 0);
    cache.add('k', 'v', 0);
    expect(cache.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new TtlCache<number>(2, () => 0);
    cache.add('a', 1, 1000);
    cache.add('b', 2, 1000);
    cache.get('a');
    cache.add('c', 3, 1000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.value).toBe(1);
    expect(cache.size).toBe(2);
  });

  it('answers a key asked again and again (a fresh but equal string each time) until it expires, keeping the LRU order', () => {
    let now = 0;
    const cache = new TtlCache<number>(2, () => now);
    const fresh = (k: string) => [...k].join(''); // an equal string that is not the stored one
    cache.add('token-a', 1, 1000);
    cache.add('token-b', 2, 1000);
    for (let i = 0; i < 3; i++) expect(cache.get(fresh('token-a'))?.value).toBe(1);
    expect(cache.get(fresh('token-a'))?.value).toBe(1);
    cache.add('token-c', 3, 1000); // b is now the least recently used
    expect(cache.get('token-b')).toBeUndefined();
    expect(cache.get(fresh('token-a'))?.value).toBe(1);
    now = 1000;
    expect(cache.get(fresh('token-a'))).toBeUndefined();
    expect(cache.get(fresh('token-a'))).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { TargetCache } from './target-cache.js';

describe('TargetCache', () => {
  it('keeps values apart by method and target', () => {
    const cache = new TargetCache<string>(10);
    cache.set('GET', '/pods', 'get pods');
    cache.set('POST', '/pods', 'post pods');
    expect(cache.get('GET', '/pods')).toBe('get pods');
    expect(cache.get('POST', '/pods')).toBe('post pods');
    expect(cache.get('GET', '/healthz')).toBeUndefined();
  });

  it('empties itself when full rather than growing', () => {
    const cache = new TargetCache<number>(2);
    cache.set('GET', '/a', 1);
    cache.set('GET', '/a', 1); // the same target again takes no more room
    cache.set('GET', '/b', 2);
    expect(cache.get('GET', '/a')).toBe(1);
    cache.set('GET', '/c', 3);
    expect(cache.get('GET', '/a')).toBeUndefined();
    expect(cache.get('GET', '/c')).toBe(3);
  });
});

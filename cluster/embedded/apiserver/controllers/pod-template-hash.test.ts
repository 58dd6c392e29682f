import { describe, expect, it } from 'vitest';
import { fnv1a32, podTemplateHash, safeEncode } from './pod-template-hash.js';

describe('pod-template-hash', () => {
  it('is FNV-1a 32 (the published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('spells decimal digits with rand.SafeEncodeString\'s alphabet, so hashes use only 4-9 and b, c, d, f', () => {
    expect(safeEncode('0123456789')).toBe('456789bcdf');
  });

  it('hashes the template, then the collision count as 8 little-endian bytes', () => {
    // fnv1a32('{}') = 1415952421; with 03 00 00 00 00 00 00 00 after it, 886626022.
    expect(podTemplateHash({})).toBe('5859f96865');
    expect(podTemplateHash({}, 3)).toBe('ddbb6b466');
  });

  it('does not depend on key order, and changes with the template or the collision count', () => {
    const a = { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const reordered = { spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { tier: 'front', app: 'web' } } };
    expect(podTemplateHash(reordered)).toBe(podTemplateHash(a));
    const other = { ...a, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    expect(podTemplateHash(other)).not.toBe(podTemplateHash(a));
    expect(podTemplateHash(a, 1)).not.toBe(podTemplateHash(a));
    expect(podTemplateHash(a)).toMatch(/^[4-9bcdf]{1,10}$/);
  });
});

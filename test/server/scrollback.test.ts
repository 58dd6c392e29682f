import { describe, expect, it } from 'vitest';
import { Scrollback } from '../../server/terminal/scrollback.js';

describe('scrollback', () => {
  it('replays everything while it fits', () => {
    const s = new Scrollback(100);
    s.append('$ ls\r\n');
    s.append('a b\r\n$ ');
    expect(s.text()).toBe('$ ls\r\na b\r\n$ ');
  });

  it('keeps the newest output within its bound, starting at a line', () => {
    const s = new Scrollback(64);
    for (let i = 0; i < 50; i++) s.append(`line ${i}\r\n`);
    const text = s.text();
    expect(text.length).toBeLessThanOrEqual(64);
    expect(text.endsWith('line 49\r\n')).toBe(true);
    expect(text).toMatch(/^line \d+\r\n/);
    expect(text).not.toContain('line 40\r');
  });

  it('keeps the tail of one chunk larger than the whole buffer', () => {
    const s = new Scrollback(10);
    s.append('0123456789\nabcdefghij');
    expect(s.text()).toBe('abcdefghij');
  });
});

import { describe, expect, it } from 'vitest';
import { formatElapsed } from './lab-timer.js';

describe('formatElapsed', () => {
  it('shows minutes and seconds, and hours only once there are some', () => {
    expect(formatElapsed(0)).toBe('00:00');
    expect(formatElapsed(59_999)).toBe('00:59');
    expect(formatElapsed(61_000)).toBe('01:01');
    expect(formatElapsed(3_600_000 + 5 * 60_000 + 7_000)).toBe('1:05:07');
  });

  it('never shows a negative time when the server clock is ahead', () => {
    expect(formatElapsed(-5_000)).toBe('00:00');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanDuration, translateTimestampSince } from './human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery util/duration.HumanDuration)', () => {
  it.each([
    [0, '0s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 59 * s, '10m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 1 * m, '3h1m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 59 * m, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [49 * h, '2d1h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d + 23 * h, '729d'],
    [730 * d, '2y'],
    [731 * d, '2y1d'],
    [8 * 365 * d - 1 * h, '7y364d'],
    [8 * 365 * d, '8y'],
    [9 * 365 * d + 3 * d, '9y'],
  ])('%d ms prints as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('treats up to one second in the future as now and more as invalid (clock skew)', () => {
    expect(humanDuration(-1 * s)).toBe('0s');
    expect(humanDuration(-1999)).toBe('0s');
    expect(humanDuration(-2 * s)).toBe('<invalid>');
    expect(humanDuration(-5 * d)).toBe('<invalid>');
  });

  it('never prints a longer duration for a shorter interval', () => {
    const seconds = (text: string): number => {
      const units: Record<string, number> = { y: 365 * 86400, d: 86400, h: 3600, m: 60, s: 1 };
      return [...text.matchAll(/(\d+)([ydhms])/g)].reduce((sum, [, n, u]) => sum + Number(n) * (units[u ?? 's'] ?? 0), 0);
    };
    fc.assert(
      fc.property(fc.nat(20 * 365 * 86400), fc.nat(20 * 365 * 86400), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const shown = seconds(humanDuration(lo * 1000));
        expect(shown).toBeLessThanOrEqual(lo);
        expect(shown).toBeLessThanOrEqual(seconds(humanDuration(hi * 1000)));
      }),
    );
  });
});

describe('translateTimestampSince', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('prints the age of a timestamp', () => {
    expect(translateTimestampSince('2026-03-01T11:34:30Z', now)).toBe('25m');
    expect(translateTimestampSince('2026-02-26T08:00:00Z', now)).toBe('3d4h');
  });

  it('accepts MicroTime timestamps', () => {
    expect(translateTimestampSince('2026-03-01T11:59:15.123456Z', now)).toBe('44s');
  });

  it('prints <unknown> for a missing, null or zero timestamp', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince(null, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });

  it('prints <invalid> for a timestamp in the future', () => {
    expect(translateTimestampSince('2026-03-01T12:00:10Z', now)).toBe('<invalid>');
  });
});

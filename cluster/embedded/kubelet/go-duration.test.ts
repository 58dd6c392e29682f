import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from './go-duration.js';

const roundTrip = (text: string): string => {
  const parsed = parseGoDuration(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return formatGoDuration(parsed.nanoseconds);
};

describe('Go durations', () => {
  it.each([
    ['2m', '2m0s'],
    ['5m', '5m0s'],
    ['30s', '30s'],
    ['0', '0s'],
    ['0s', '0s'],
    ['4h', '4h0m0s'],
    ['90s', '1m30s'],
    ['100ms', '100ms'],
    ['1.5h', '1h30m0s'],
    ['1h2m3.5s', '1h2m3.5s'],
    ['1500us', '1.5ms'],
    ['1µs', '1µs'],
    ['1μs', '1µs'],
    ['7ns', '7ns'],
    ['-1m', '-1m0s'],
    ['+10s', '10s'],
    ['.5s', '500ms'],
    ['2562047h47m16.854775807s', '2562047h47m16.854775807s'],
  ])('%s reads back as %s', (text, expected) => {
    expect(roundTrip(text)).toBe(expected);
  });

  it.each([
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['5', 'time: missing unit in duration "5"'],
    ['abc', 'time: invalid duration "abc"'],
    ['', 'time: invalid duration ""'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['3 m', 'time: unknown unit " m" in duration "3 m"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['1é', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
  ])('rejects %j like time.ParseDuration', (text, message) => {
    expect(parseGoDuration(text)).toEqual({ ok: false, message });
  });

  it('keeps the smallest negative duration', () => {
    expect(roundTrip('-9223372036854775808ns')).toBe('-2562047h47m16.854775808s');
  });
});

import { describe, expect, it } from 'vitest';
import { Countdown, countdownAnnouncement, countdownLevel, formatCountdown, formatMinutes } from './countdown.js';

describe('formatCountdown', () => {
  it('rounds up, so 00:00 appears only when the time is really up', () => {
    expect(formatCountdown(30 * 60_000)).toBe('30:00');
    expect(formatCountdown(29 * 60_000 + 59_001)).toBe('30:00');
    expect(formatCountdown(61_000)).toBe('01:01');
    expect(formatCountdown(1)).toBe('00:01');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(-4_000)).toBe('00:00');
    expect(formatCountdown(2 * 3_600_000)).toBe('2:00:00');
  });
});

describe('countdownLevel', () => {
  it('turns amber at five minutes and red at one', () => {
    expect(countdownLevel(5 * 60_000 + 1)).toBe('normal');
    expect(countdownLevel(5 * 60_000)).toBe('warning');
    expect(countdownLevel(60_001)).toBe('warning');
    expect(countdownLevel(60_000)).toBe('urgent');
    expect(countdownLevel(1)).toBe('urgent');
    expect(countdownLevel(0)).toBe('over');
  });
});

describe('formatMinutes', () => {
  it('says an exam length the way a person would', () => {
    expect(formatMinutes(30)).toBe('30 minutes');
    expect(formatMinutes(1)).toBe('1 minute');
    expect(formatMinutes(1.5)).toBe('1.5 minutes');
    expect(formatMinutes(0.5)).toBe('30 seconds');
    expect(formatMinutes(0.1)).toBe('6 seconds');
  });
});

describe('countdownAnnouncement', () => {
  it('speaks once as each threshold is crossed, and not in between', () => {
    expect(countdownAnnouncement(5 * 60_000 + 500, 5 * 60_000 - 500)).toBe('5 minutes left in the exam.');
    expect(countdownAnnouncement(61_000, 60_000)).toBe('1 minute left in the exam.');
    expect(countdownAnnouncement(4 * 60_000, 3 * 60_000)).toBeUndefined();
    expect(countdownAnnouncement(10 * 60_000, 9 * 60_000)).toBeUndefined();
  });
});

describe('Countdown', () => {
  it('counts down from what the server said on the local monotonic clock, and resyncs', () => {
    const c = new Countdown();
    expect(c.remaining(1000)).toBeUndefined();
    c.sync(60_000, 1000);
    expect(c.remaining(1000)).toBe(60_000);
    expect(c.remaining(31_000)).toBe(30_000);
    expect(c.remaining(99_000)).toBe(0);
    // The server says less is left than the local clock thought: the server wins.
    c.sync(20_000, 31_000);
    expect(c.remaining(41_000)).toBe(10_000);
    c.sync(null, 41_000);
    expect(c.remaining(41_000)).toBeUndefined();
  });
});

// The exam clock as the learner sees it. The server says how long is left (remainingMs); the page
// counts down from that on its own monotonic clock, so a wrong clock on the learner's machine
// cannot shorten or stretch the exam, and a resync now and then corrects any drift.

import { formatElapsed } from '../components/lab-timer.js';

export type CountdownLevel = 'normal' | 'warning' | 'urgent' | 'over';

/** mm:ss (h:mm:ss from an hour), rounded up: it shows 00:00 only once the time is really up. */
export function formatCountdown(ms: number): string {
  return formatElapsed(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}

/** Five minutes left turns the banner amber, one minute red. */
export function countdownLevel(ms: number): CountdownLevel {
  if (ms <= 0) return 'over';
  if (ms <= 60_000) return 'urgent';
  if (ms <= 5 * 60_000) return 'warning';
  return 'normal';
}

/** "30 minutes", "1 minute", "45 seconds": an exam's length as the class defines it. */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) {
    const seconds = Math.round(minutes * 60);
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const rounded = Math.round(minutes * 10) / 10;
  return `${rounded} minute${rounded === 1 ? '' : 's'}`;
}

/** What a screen reader hears as the exam nears its end: once per threshold crossed. */
export function countdownAnnouncement(beforeMs: number, afterMs: number): string | undefined {
  for (const [at, text] of [
    [5 * 60_000, '5 minutes left in the exam.'],
    [60_000, '1 minute left in the exam.'],
  ] as const) {
    if (beforeMs > at && afterMs <= at) return text;
  }
  return undefined;
}

export class Countdown {
  private deadline: number | undefined;

  /** `remainingMs` as the server said it at `now` (a monotonic clock: performance.now()). */
  sync(remainingMs: number | null, now: number): void {
    this.deadline = remainingMs === null ? undefined : now + remainingMs;
  }

  /** undefined until the exam clock runs. */
  remaining(now: number): number | undefined {
    return this.deadline === undefined ? undefined : Math.max(0, this.deadline - now);
  }
}

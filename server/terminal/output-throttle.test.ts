// The token bucket behind a shell's output rate, on a clock the test moves by hand.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputThrottle } from './output-throttle.js';

class Source {
  readonly calls: string[] = [];
  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }
}

describe('output throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const clock = () => Date.now();

  it('lets a one-second burst through, then pauses until the overdraft is paid back', () => {
    const source = new Source();
    const throttle = new OutputThrottle(source, 1000, clock);
    throttle.consumed(1000);
    expect(source.calls).toEqual([]);
    throttle.consumed(500);
    expect(source.calls).toEqual(['pause']);
    expect(throttle.paused).toBe(true);
    vi.advanceTimersByTime(499);
    expect(source.calls).toEqual(['pause']);
    vi.advanceTimersByTime(1);
    expect(source.calls).toEqual(['pause', 'resume']);
    expect(throttle.paused).toBe(false);
  });

  it('counts output already on its way while paused, and waits longer for it', () => {
    const source = new Source();
    const throttle = new OutputThrottle(source, 1000, clock);
    throttle.consumed(1500);
    throttle.consumed(1000);
    vi.advanceTimersByTime(1000);
    expect(source.calls).toEqual(['pause']);
    vi.advanceTimersByTime(500);
    expect(source.calls).toEqual(['pause', 'resume']);
  });

  it('refills at the rate but never beyond one second of output', () => {
    const source = new Source();
    const throttle = new OutputThrottle(source, 1000, clock);
    vi.advanceTimersByTime(60_000);
    throttle.consumed(1001);
    expect(source.calls).toEqual(['pause']);
  });

  it('resumes for good when stopped, so a paused shell can drain and exit', () => {
    const source = new Source();
    const throttle = new OutputThrottle(source, 1000, clock);
    throttle.consumed(5000);
    throttle.stop();
    throttle.consumed(5000);
    vi.advanceTimersByTime(10_000);
    expect(source.calls).toEqual(['pause', 'resume']);
  });
});

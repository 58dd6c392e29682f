// For controller tests: fake setTimeout/clearTimeout in every test of the file (the controllers'
// follow-ups are timers the test moves on by hand), and the controllers and subscriptions a test
// started stopped after it, before the real timers come back.

import { afterEach, beforeEach, vi } from 'vitest';

/** Registers the hooks; returns the function that hands a test's stop functions to them. */
export function fakeControllerTimers(): (...stops: (() => void)[]) => void {
  const pending: (() => void)[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    for (const stop of pending.splice(0)) stop();
    vi.useRealTimers();
  });
  return (...stops) => {
    pending.push(...stops);
  };
}

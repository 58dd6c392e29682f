// Drivers for Programs (system.ts): run to completion at once, or for real with timers and a
// live stdin. Both hand a program its whole stdin only once; later reads see EOF.

import type { Effect, Program } from './system.js';

/**
 * Runs a program without waiting: sleeps take no time (`onSleep` hears of them, so a caller can
 * keep a virtual clock), stdin is `stdin`.
 */
export function runNow<T>(program: Program<T>, stdin = '', onSleep: (ms: number) => void = () => {}): T {
  let pending: string | undefined = stdin;
  let step = program.next();
  while (!step.done) {
    const effect: Effect = step.value;
    if (effect.type === 'stdin') {
      const input = pending ?? '';
      pending = undefined;
      step = program.next(input);
    } else {
      onSleep(effect.ms);
      step = program.next();
    }
  }
  return step.value;
}

export interface LiveEffects {
  /** Waits `ms` (the driver decides how long is too long); resolves early on abort. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Everything the client sends on stdin until it closes it (or the session ends). */
  readStdin(signal: AbortSignal): Promise<string>;
}

/** Runs a program against real time; returns undefined when aborted before it finished. */
export async function runLive<T>(program: Program<T>, effects: LiveEffects, signal: AbortSignal): Promise<T | undefined> {
  let stdinRead = false;
  let step = program.next();
  while (!step.done) {
    if (signal.aborted) {
      program.return(undefined as T);
      return undefined;
    }
    const effect: Effect = step.value;
    if (effect.type === 'sleep') {
      await effects.sleep(effect.ms, signal);
      step = program.next();
    } else {
      const input = stdinRead ? '' : await effects.readStdin(signal);
      stdinRead = true;
      step = program.next(input);
    }
  }
  return step.value;
}

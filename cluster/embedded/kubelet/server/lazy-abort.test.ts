import { describe, expect, it } from 'vitest';
import { LazyAbort } from './lazy-abort.js';

describe('LazyAbort', () => {
  it('tells a listener taken before the abort', () => {
    const lazy = new LazyAbort();
    let told = 0;
    lazy.signal.addEventListener('abort', () => told++);
    lazy.abort();
    expect(told).toBe(1);
    expect(lazy.signal.aborted).toBe(true);
  });

  it('hands out an aborted signal when asked only after the abort', () => {
    const lazy = new LazyAbort();
    lazy.abort();
    expect(lazy.signal.aborted).toBe(true);
  });

  it('is not aborted until aborted', () => {
    expect(new LazyAbort().signal.aborted).toBe(false);
  });
});

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

  it('says when the signal is first asked for, once, and an abort from there on reaches it', () => {
    const firstUses: LazyAbort[] = [];
    const lazy = new LazyAbort((abort) => {
      firstUses.push(abort);
      abort.abort(); // as the kubelet does for a client already gone
    });
    lazy.abort();
    expect(firstUses).toEqual([]);
    expect(lazy.signal.aborted).toBe(true);
    expect(lazy.signal.aborted).toBe(true);
    expect(firstUses).toEqual([lazy]);
  });
});

// A token bucket per session and kind of heavy request (grading, starting or resetting a
// cluster): short bursts pass, a stuck key or a script hammering the button gets 429.

import { ApiError } from './api-error.js';

export interface BucketSpec {
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly spec: BucketSpec,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = spec.capacity;
    this.updatedAt = now();
  }

  /** Takes a token, or says how many seconds until one is free. */
  take(): { ok: true } | { ok: false; retryAfterS: number } {
    const t = this.now();
    this.tokens = Math.min(this.spec.capacity, this.tokens + ((t - this.updatedAt) / 1000) * this.spec.refillPerSecond);
    this.updatedAt = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.ceil((1 - this.tokens) / this.spec.refillPerSecond) };
  }

  /** take(), as a 429 the error middleware answers. */
  takeOrThrow(what: string): void {
    const r = this.take();
    if (!r.ok) {
      throw new ApiError(429, 'RATE_LIMITED', `Too many ${what} requests in a short time.`, `Wait ${r.retryAfterS} s and try again.`, { 'Retry-After': String(r.retryAfterS) });
    }
  }
}

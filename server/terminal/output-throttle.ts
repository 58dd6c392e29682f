// Flow control for a shell's output: a token bucket of bytes per second. A chunk that overdraws
// the bucket pauses the pseudo-terminal until the bucket has refilled; meanwhile the kernel's pty
// buffer fills and the writing program blocks. Nothing is dropped: `yes` just runs at the rate the
// server and the browsers can take, and Ctrl-C still reaches it (input is not paused).

/** 512 KiB/s: `kubectl get -o yaml` of a whole namespace still scrolls by at once. */
export const DEFAULT_OUTPUT_BYTES_PER_SECOND = 512 * 1024;

export interface Pausable {
  pause(): void;
  resume(): void;
}

export class OutputThrottle {
  private tokens: number;
  private last: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  /** The bucket holds one second of output, so a short burst (a long `kubectl get`) is never slowed. */
  constructor(
    private readonly source: Pausable,
    private readonly bytesPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = bytesPerSecond;
    this.last = now();
  }

  /** Counts output just read from the source; pauses the source when it is over its rate. */
  consumed(bytes: number): void {
    if (this.stopped) return;
    this.refill();
    this.tokens -= bytes;
    if (this.tokens < 0 && !this.timer) {
      this.source.pause();
      this.wakeWhenRefilled();
    }
  }

  /** For good: the shell is ending, and whatever it still has to say must drain. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.source.resume();
    }
  }

  get paused(): boolean {
    return this.timer !== undefined;
  }

  private wakeWhenRefilled(): void {
    const waitMs = Math.ceil((-this.tokens / this.bytesPerSecond) * 1000);
    this.timer = setTimeout(() => {
      this.refill();
      if (this.tokens < 0) return this.wakeWhenRefilled();
      this.timer = undefined;
      this.source.resume();
    }, waitMs);
  }

  private refill(): void {
    const at = this.now();
    this.tokens = Math.min(this.bytesPerSecond, this.tokens + ((at - this.last) / 1000) * this.bytesPerSecond);
    this.last = at;
  }
}

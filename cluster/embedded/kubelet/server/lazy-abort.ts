// An AbortController made only when someone asks for its signal: almost no request needs one
// (only streamed answers such as followed logs do), and making one per request is a visible cost.

export interface AbortSource {
  readonly signal: AbortSignal;
}

export class LazyAbort implements AbortSource {
  private controller: AbortController | undefined;
  private aborted = false;

  /** `onFirstUse` runs when the signal is first asked for: the moment anyone starts to care about aborts. */
  constructor(private readonly onFirstUse?: (abort: LazyAbort) => void) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      this.onFirstUse?.(this);
    }
    if (this.aborted && !this.controller.signal.aborted) this.controller.abort();
    return this.controller.signal;
  }

  abort(): void {
    this.aborted = true;
    this.controller?.abort();
  }
}

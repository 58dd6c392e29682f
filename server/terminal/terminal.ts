// One lab shell: bash in a pseudo-terminal, its recent output kept for reattaching browsers, and
// any number of viewers (the tabs of one session) that get its output as it comes, no faster than
// its output rate (flow control: a flooding program is slowed down, not cut off).

import { spawn, type IPty } from 'node-pty';
import { DEFAULT_OUTPUT_BYTES_PER_SECOND, OutputThrottle } from './output-throttle.js';
import { Scrollback } from './scrollback.js';
import type { ShellSpec } from './shell-environment.js';

export type TerminalListener = {
  data(chunk: string): void;
  exit(code: number): void;
};

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface TerminalOptions {
  scrollbackChars?: number;
  /** Output read per second before the shell is paused (default 512 KiB/s; Infinity: unlimited). */
  outputBytesPerSecond?: number;
}

export class Terminal {
  private readonly scrollback: Scrollback;
  private readonly listeners = new Set<TerminalListener>();
  private readonly throttle: OutputThrottle | undefined;
  private exitCode: number | undefined;

  private constructor(
    private readonly pty: IPty,
    options: TerminalOptions,
  ) {
    this.scrollback = new Scrollback(options.scrollbackChars);
    const rate = options.outputBytesPerSecond ?? DEFAULT_OUTPUT_BYTES_PER_SECOND;
    this.throttle = Number.isFinite(rate) ? new OutputThrottle(pty, rate) : undefined;
    pty.onData((chunk) => {
      this.scrollback.append(chunk);
      for (const l of this.listeners) l.data(chunk);
      this.throttle?.consumed(Buffer.byteLength(chunk));
    });
    pty.onExit(({ exitCode }) => {
      this.throttle?.stop();
      this.exitCode = exitCode;
      for (const l of this.listeners) l.exit(exitCode);
      this.listeners.clear();
    });
  }

  static start(spec: ShellSpec, size: TerminalSize, options: TerminalOptions = {}): Terminal {
    const pty = spawn(spec.file, spec.args, { name: 'xterm-256color', cols: size.cols, rows: size.rows, cwd: spec.cwd, env: spec.env });
    return new Terminal(pty, options);
  }

  get pid(): number {
    return this.pty.pid;
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  /** True while the shell's output is held back because it came faster than its rate. */
  get outputPaused(): boolean {
    return this.throttle?.paused ?? false;
  }

  /** What the shell printed lately, then every chunk from now on; returns the detach function. */
  attach(listener: TerminalListener): { replay: string; detach: () => void } {
    this.listeners.add(listener);
    return { replay: this.scrollback.text(), detach: () => this.listeners.delete(listener) };
  }

  write(data: string): void {
    if (!this.exited) this.pty.write(data);
  }

  resize(size: TerminalSize): void {
    if (!this.exited) this.pty.resize(size.cols, size.rows);
  }

  /** Ends the shell and whatever runs in it; resolves once it has exited. */
  kill(): Promise<void> {
    if (this.exited) return Promise.resolve();
    // node-pty reports the exit only once the paused output has been read to its end.
    this.throttle?.stop();
    return new Promise((done) => {
      const timer = setTimeout(() => {
        // bash ignores SIGTERM while interactive and idle; SIGHUP is what a closed terminal sends.
        if (!this.exited) this.pty.kill('SIGKILL');
      }, 1000);
      this.pty.onExit(() => {
        clearTimeout(timer);
        done();
      });
      this.pty.kill('SIGHUP');
    });
  }
}

// One lab shell: bash in a pseudo-terminal, its recent output kept for reattaching browsers, and
// any number of viewers (the tabs of one session) that get its output as it comes.

import { spawn, type IPty } from 'node-pty';
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

export class Terminal {
  private readonly scrollback: Scrollback;
  private readonly listeners = new Set<TerminalListener>();
  private exitCode: number | undefined;

  private constructor(
    private readonly pty: IPty,
    scrollbackChars: number | undefined,
  ) {
    this.scrollback = new Scrollback(scrollbackChars);
    pty.onData((chunk) => {
      this.scrollback.append(chunk);
      for (const l of this.listeners) l.data(chunk);
    });
    pty.onExit(({ exitCode }) => {
      this.exitCode = exitCode;
      for (const l of this.listeners) l.exit(exitCode);
      this.listeners.clear();
    });
  }

  static start(spec: ShellSpec, size: TerminalSize, scrollbackChars?: number): Terminal {
    const pty = spawn(spec.file, spec.args, { name: 'xterm-256color', cols: size.cols, rows: size.rows, cwd: spec.cwd, env: spec.env });
    return new Terminal(pty, scrollbackChars);
  }

  get pid(): number {
    return this.pty.pid;
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
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

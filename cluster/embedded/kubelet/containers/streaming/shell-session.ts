// A shell that reads its commands from the session's stdin: typed at a terminal (tty: echo,
// prompt, line editing, Ctrl-C, Ctrl-D) or piped (no tty: one command per line, no prompt).
// Commands run one at a time; input that arrives meanwhile goes to the command if it reads
// stdin, and is queued otherwise.

import { runLive, type LiveEffects } from '../shell/drive.js';
import type { Shell } from '../shell/interpreter.js';
import type { Output } from '../shell/system.js';
import { LineDiscipline, type TerminalEvent } from './terminal.js';

export interface ShellSessionOptions {
  shell: Shell;
  tty: boolean;
  /** Where the shell's stdout goes (and its stderr, on a terminal). */
  stdout: Output;
  stderr: Output;
  /** Writes straight to the terminal (echo, prompts). */
  terminal: Output;
  sleep: LiveEffects['sleep'];
  /** Show the prompt at once (exec) or only after the first line (attach to a running shell). */
  promptFirst: boolean;
  onExit(status: number): void;
}

export class ShellSession {
  private readonly discipline: LineDiscipline;
  private readonly queue: TerminalEvent[] = [];
  private pending = '';
  private partial = '';
  private running?: AbortController;
  /** Set while the running command waits for stdin: collects typed lines until EOF. */
  private stdinWaiter?: { text: string; resolve(text: string): void };
  private finished = false;

  constructor(private readonly options: ShellSessionOptions) {
    this.discipline = new LineDiscipline((text) => options.terminal.write(text));
  }

  start(): void {
    if (this.options.promptFirst) this.prompt();
  }

  /** Bytes the client sent on stdin. */
  input(text: string): void {
    if (this.finished) return;
    if (this.options.tty) {
      for (const event of this.discipline.feed(text)) this.dispatch(event);
      return;
    }
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.dispatch({ type: 'line', text: line });
  }

  /** The client closed stdin (v5 close signal) or went away. */
  end(): void {
    if (this.finished) return;
    if (this.partial) this.dispatch({ type: 'line', text: this.partial });
    this.partial = '';
    this.dispatch({ type: 'eof' });
  }

  /** Stops everything without a word (the connection is gone). */
  abort(): void {
    this.finished = true;
    this.running?.abort();
    this.stdinWaiter?.resolve('');
  }

  private dispatch(event: TerminalEvent): void {
    if (this.running) {
      if (event.type === 'interrupt') {
        this.running.abort();
        this.stdinWaiter?.resolve('');
        return;
      }
      if (this.stdinWaiter) {
        if (event.type === 'line') this.stdinWaiter.text += `${event.text}\n`;
        else this.stdinWaiter.resolve(this.stdinWaiter.text);
        return;
      }
    }
    this.queue.push(event);
    void this.pump();
  }

  private prompt(): void {
    if (this.options.tty && !this.finished) this.options.terminal.write(this.pending ? '> ' : this.options.shell.prompt());
  }

  private exit(status: number): void {
    if (this.finished) return;
    this.finished = true;
    this.options.onExit(status);
  }

  private async pump(): Promise<void> {
    while (!this.running && !this.finished) {
      const event = this.queue.shift();
      if (!event) return;
      if (event.type === 'interrupt') {
        this.pending = '';
        this.options.shell.status = 130;
        this.prompt();
      } else if (event.type === 'eof') {
        if (this.options.tty) this.options.terminal.write(this.options.shell.eofMessage());
        this.exit(this.options.shell.status);
      } else {
        await this.runLine(event.text);
      }
    }
  }

  private async runLine(line: string): Promise<void> {
    const { shell } = this.options;
    this.pending += `${line}\n`;
    const controller = new AbortController();
    this.running = controller;
    const effects: LiveEffects = {
      sleep: this.options.sleep,
      readStdin: () => new Promise((resolve) => (this.stdinWaiter = { text: '', resolve })),
    };
    const io = { stdout: this.options.stdout, stderr: this.options.stderr };
    const result = await runLive(shell.runChunk(this.pending, io), effects, controller.signal);
    this.running = undefined;
    this.stdinWaiter = undefined;
    if (result === undefined) {
      // Ctrl-C: the command is gone, the shell goes on.
      this.pending = '';
      shell.status = 130;
    } else if (result === 'ran') {
      this.pending = '';
    }
    if (shell.exitStatus !== undefined) this.exit(shell.exitStatus);
    else this.prompt();
  }
}

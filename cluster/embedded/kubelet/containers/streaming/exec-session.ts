// An exec or attach session on an upgraded connection (a WebSocket's channels, or SPDY streams):
// channel 0 stdin, 1 stdout, 2 stderr, 3 the final metav1.Status, 4 terminal resize. Ended by
// the status and a close of the connection.

import type { SimulatedContainer } from '../container.js';
import { runLive, type LiveEffects } from '../shell/drive.js';
import { prepareExec, type PreparedExec } from '../shell/launch.js';
import type { Output } from '../shell/system.js';
import type { ChannelEvents } from './channels.js';
import { attachStatus, encodeStatus, execStatus, type ExecStatus, type StatusWriter } from './exec-status.js';
import { ShellSession } from './shell-session.js';
import type { StreamOptions } from './stream-request.js';
import { LineDiscipline, toTerminal } from './terminal.js';

/** The session's side of the connection, whatever carries the channels. */
export interface ChannelLink {
  write(channel: number, data: string | Buffer): void;
  close(): void;
  readonly isOpen: boolean;
}

export interface ExecSessionInput {
  /** Connects the session's events to the connection and gives back its writing side. */
  link: (events: ChannelEvents) => ChannelLink;
  /** v4 and newer: the final Status as JSON; older protocols: a failure's message only. */
  statusFormat: 'json' | 'text';
  options: StreamOptions;
  container: SimulatedContainer;
  /** The command (exec) or undefined (attach: the container's main process). */
  argv?: string[];
  writer: StatusWriter;
  sleep: LiveEffects['sleep'];
}

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;

/** Collects stdin until the client closes it. */
class StdinPipe {
  private text = '';
  private ended = false;
  private readonly waiters: ((text: string) => void)[] = [];

  push(text: string): void {
    this.text += text;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const resolve of this.waiters.splice(0)) resolve(this.text);
  }

  readAll(): Promise<string> {
    return this.ended ? Promise.resolve(this.text) : new Promise((resolve) => this.waiters.push(resolve));
  }
}

export function startExecSession(input: ExecSessionInput): void {
  const { options, container } = input;
  const abort = new AbortController();
  const stdin = new StdinPipe();
  let consumer: { input(text: string): void; end(): void } = { input: (text) => stdin.push(text), end: () => stdin.end() };

  const channels = input.link({
    data: (channel, data) => {
      // Resize events (4) change nothing we render; other channels are not readable.
      if (channel === STDIN && options.stdin) consumer.input(data.toString('utf8'));
    },
    halfClose: (channel) => {
      if (channel === STDIN) consumer.end();
    },
    closed: () => {
      abort.abort();
      consumer.end();
    },
  });

  const channelOutput = (channel: number, enabled: boolean): Output => ({
    write: (text) => {
      if (enabled && text) channels.write(channel, options.tty ? toTerminal(text) : text);
    },
  });
  const stdout = channelOutput(STDOUT, options.stdout);
  // On a terminal stderr goes to the same pty as stdout.
  const stderr = options.tty ? stdout : channelOutput(STDERR, options.stderr);
  const finish = (status: ExecStatus) => {
    const payload = encodeStatus(status, input.statusFormat);
    if (payload !== undefined) channels.write(ERROR, payload);
    channels.close();
  };

  const attach = input.argv === undefined;
  const argv = input.argv ?? [...container.argv];
  const prepared: PreparedExec = prepareExec(container, { argv, env: container.env, cwd: container.cwd, tty: options.tty });
  const ended = (code: number) => finish(attach ? attachStatus() : execStatus({ kind: 'exited', code }, argv, input.writer));

  if (prepared.kind === 'startFailed') {
    finish(attach ? attachStatus(prepared.message) : execStatus({ kind: 'startFailed', message: prepared.message }, argv, input.writer));
    return;
  }

  if (prepared.kind === 'shell') {
    const untrack = container.track(prepared.shell.pid, argv.join(' '));
    const session = new ShellSession({
      shell: prepared.shell,
      tty: options.tty,
      stdout,
      stderr,
      terminal: channelOutput(STDOUT, options.stdout),
      sleep: input.sleep,
      promptFirst: !attach,
      onExit: (code) => {
        untrack();
        ended(code);
      },
    });
    abort.signal.addEventListener('abort', () => {
      untrack();
      session.abort();
    });
    consumer = session;
    session.start();
    // Without stdin a plain shell reads EOF at once; on a terminal it waits at its prompt.
    if (!options.stdin && !options.tty) session.end();
    return;
  }

  if (attach) {
    // Attached to a process that is not an interactive shell: its new output would show up
    // here; ours prints nothing more, so the session idles until the client leaves.
    return;
  }

  const pid = container.allocatePid();
  const untrack = container.track(pid, argv.join(' '));
  let readStdin: () => Promise<string> = () => stdin.readAll();
  if (options.tty && options.stdin) {
    // A terminal program gets what is typed until Ctrl-D.
    const typed = new StdinPipe();
    const discipline = new LineDiscipline((text) => stdout.write(text));
    consumer = {
      input: (text) => {
        for (const event of discipline.feed(text)) {
          if (event.type === 'line') typed.push(`${event.text}\n`);
          else if (event.type === 'eof') typed.end();
          else abort.abort();
        }
      },
      end: () => typed.end(),
    };
    readStdin = () => typed.readAll();
  }
  if (!options.stdin) stdin.end();
  const effects: LiveEffects = { sleep: input.sleep, readStdin };
  void runLive(prepared.run({ stdout, stderr }), effects, abort.signal).then((code) => {
    untrack();
    if (code !== undefined) ended(code);
    else if (channels.isOpen) ended(130);
  });
}

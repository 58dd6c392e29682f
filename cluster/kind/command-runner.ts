// Runs the kind and docker CLIs: always an argument array (never a shell string), output kept,
// lines handed over as they arrive (kind reports progress on stderr), and a missing binary told
// apart from a command that ran and failed.

import { spawn, type ChildProcess } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
}

/** The program is not installed (spawn failed with ENOENT). */
export class ToolNotFoundError extends Error {
  constructor(readonly tool: string) {
    super(`${tool}: command not found`);
  }
}

export type CommandRunner = (command: string, args: readonly string[], opts?: RunOptions) => Promise<CommandResult>;

/** Runs `command args...` to completion; rejects only when it could not be started or timed out. */
export const runCommand: CommandRunner = (command, args, opts = {}) =>
  new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(command, [...args], { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      reject(startError(command, e));
      return;
    }
    const stdout = lineCollector(opts.onStdoutLine);
    const stderr = lineCollector(opts.onStderrLine);
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs) {
      timer = setTimeout(() => {
        child.kill('SIGTERM');
        reject(new Error(`\`${command} ${args.join(' ')}\` did not finish within ${Math.round(opts.timeoutMs! / 1000)} s`));
      }, opts.timeoutMs);
    }
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(startError(command, e));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout: stdout.end(), stderr: stderr.end() });
    });
    child.stdin?.on('error', () => {}); // a command that exits without reading its input is not our failure
    child.stdin?.end(opts.input);
  });

function startError(command: string, e: unknown): Error {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' ? new ToolNotFoundError(command) : (e as Error);
}

/** Keeps all output and calls `onLine` for every complete line (without its newline). */
function lineCollector(onLine: ((line: string) => void) | undefined, keep = true): { push(chunk: Buffer): void; end(): string } {
  const chunks: Buffer[] = [];
  let partial = '';
  return {
    push(chunk) {
      if (keep) chunks.push(chunk);
      if (!onLine) return;
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line.replace(/\r$/, ''));
    },
    end() {
      if (onLine && partial) onLine(partial);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** A long-running command whose stdout lines go to `onLine` until `stop()` (e.g. `tail -F`). */
export function followCommand(
  command: string,
  args: readonly string[],
  onLine: (line: string) => void,
  onExit: (code: number | null) => void,
  env: NodeJS.ProcessEnv = process.env,
): { stop(): void } {
  const child = spawn(command, [...args], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = lineCollector(onLine, false); // a log follower runs for hours: keep nothing
  child.stdout.on('data', (chunk: Buffer) => lines.push(chunk));
  child.on('error', () => {}); // reported through onExit below
  child.on('close', (code) => onExit(code));
  return { stop: () => child.kill('SIGTERM') };
}

// What a utility (a simulated program such as cat or ls) gets when it runs.

import type { ContainerView, Output, Program } from '../system.js';
import { readAllStdin } from '../system.js';
import { USERLAND, type UserlandMessages } from './userland.js';

export interface UtilityContext {
  /** argv[0] as invoked; messages use its basename. */
  name: string;
  args: string[];
  env: ReadonlyMap<string, string>;
  cwd: string;
  container: ContainerView;
  stdout: Output;
  stderr: Output;
  /** Whether stdout is a terminal (ls lays out columns then). */
  tty: boolean;
  /** Input piped or redirected in; undefined means the process's own stdin. */
  input?: string;
  /** Runs another program with extra environment (env VAR=x cmd). */
  exec(argv: string[], env: ReadonlyMap<string, string>): Program;
}

/** A utility that never waits may simply return its exit status. */
export type Utility = (ctx: UtilityContext) => Program | number;

export function* runUtility(utility: Utility, ctx: UtilityContext): Program {
  const result = utility(ctx);
  return typeof result === 'number' ? result : yield* result;
}

/** Everything on stdin: the pipe's content, or the session's input up to EOF. */
export function* stdinText(ctx: UtilityContext): Program<string> {
  if (ctx.input !== undefined) return ctx.input;
  return yield* readAllStdin();
}

export function messages(ctx: UtilityContext): UserlandMessages {
  return USERLAND[ctx.container.family.userland];
}

export function commandName(ctx: UtilityContext): string {
  return ctx.name.split('/').pop() || ctx.name;
}

/** Splits leading short options ("-la", "-n", "5") from operands; "--" ends options. */
export function parseFlags(
  args: readonly string[],
  known: string,
  withValue = '',
): { flags: Map<string, string | true>; operands: string[]; invalid?: string } {
  const flags = new Map<string, string | true>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (withValue.includes(flag)) {
        const value = arg.slice(j + 1) || args[++i];
        if (value === undefined) return { flags, operands: [], invalid: flag };
        flags.set(flag, value);
        break;
      }
      if (!known.includes(flag)) return { flags, operands: [], invalid: flag };
      flags.set(flag, true);
    }
  }
  return { flags, operands: args.slice(i) };
}

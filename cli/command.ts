// A tiny command framework over node:util parseArgs: every command declares its options once,
// and gets `--help`, unknown-option errors (exit 2) and typed values from that declaration.

import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; valueName?: string };

export interface Command {
  /** Words that select the command, e.g. ['cluster', 'up']. */
  path: string[];
  summary: string;
  /** Extra text under the usage line: defaults, examples, what the command prints. */
  details?: string;
  positionals?: string;
  options: Record<string, OptionSpec>;
  run(values: Record<string, unknown>, positionals: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
}

/** A mistake in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {}

export function parseCommandArgs(cmd: Command, argv: string[]): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: cmd.positionals !== undefined,
      strict: true,
    });
    return { values, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function helpText(cmd: Command): string {
  const lines = [`Usage: kubelab ${cmd.path.join(' ')}${cmd.positionals ? ` ${cmd.positionals}` : ''} [options]`, '', cmd.summary];
  if (cmd.details) lines.push('', cmd.details);
  lines.push('', 'Options:');
  const entries = Object.entries(cmd.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
    const def = spec.default !== undefined && spec.type === 'string' ? ` (default ${String(spec.default)})` : '';
    return [flag, `${spec.description}${def}`] as const;
  });
  entries.push(['-h, --help', 'Show this help']);
  const width = Math.max(...entries.map(([f]) => f.length));
  for (const [flag, text] of entries) lines.push(`  ${flag.padEnd(width)}  ${text}`);
  return lines.join('\n');
}

// Starting programs inside a simulated container: a shell (sh -c, a script, or commands read
// from stdin) or a utility. Used by the interpreter for external commands and by the runtime
// for exec/run, which first asks `prepareExec` whether the runtime could start the process.

import { randomBytes } from 'node:crypto';
import type { DialectId } from '../image/families.js';
import { goQuote } from '../streaming/go-format.js';
import { DIALECTS } from './dialects.js';
import { Shell, type ProgramLaunch } from './interpreter.js';
import { resolveCommand } from './programs.js';
import { readAllStdin, type ContainerView, type ProcessIo, type Program } from './system.js';
import { USERLAND } from './utilities/userland.js';
import { UTILITIES } from './utilities/index.js';
import { runUtility } from './utilities/context.js';
import { own } from '../own.js';

const isDialect = (program: string): program is DialectId => own(DIALECTS, program) !== undefined;

/** Shell options that take no argument and change nothing we simulate. */
const IGNORED_SHELL_OPTIONS = /^[-+][eilsxuvo]+$/;

export function createShell(
  container: ContainerView,
  dialect: DialectId,
  options: { name: string; env: ReadonlyMap<string, string>; cwd: string; tty: boolean; interactive: boolean; positional?: string[] },
): Shell {
  return new Shell({ container, dialect: DIALECTS[dialect], ...options, runProgram: (launch) => runProgram(container, launch) });
}

/** How a shell invocation wants its commands: from -c, from a file, or from stdin. */
export type ShellInvocation =
  | { source: 'script'; script: string; name: string; positional: string[] }
  | { source: 'stdin'; name: string }
  | { source: 'error'; message: string; status: number };

export function parseShellArguments(container: ContainerView, dialect: DialectId, argv: readonly string[], cwd: string): ShellInvocation {
  const name = argv[0] ?? 'sh';
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('-') && arg.length > 1 && !arg.startsWith('--') && arg.includes('c')) {
      const script = argv[i + 1];
      if (script === undefined) return { source: 'error', message: DIALECTS[dialect].missingScript(name), status: 2 };
      return { source: 'script', script, name: argv[i + 2] ?? name, positional: argv.slice(i + 3) };
    }
    if (IGNORED_SHELL_OPTIONS.test(arg) || arg === '--login' || arg === '--norc' || arg === '--noprofile') continue;
    const file = container.fs.readFile(arg.startsWith('/') ? arg : `${cwd}/${arg}`);
    if (!file.ok) {
      const site = { name, line: 0, interactive: false };
      return { source: 'error', message: DIALECTS[dialect].cannotOpen(site, arg, file.errno), status: 127 };
    }
    return { source: 'script', script: file.value, name: arg, positional: argv.slice(i + 1) };
  }
  return { source: 'stdin', name };
}

function* runShellProgram(container: ContainerView, dialect: DialectId, launch: ProgramLaunch): Program {
  const invocation = parseShellArguments(container, dialect, launch.argv, launch.cwd);
  if (invocation.source === 'error') {
    launch.io.stderr.write(invocation.message);
    return invocation.status;
  }
  const script = invocation.source === 'script' ? invocation.script : (launch.io.stdin ?? (yield* readAllStdin()));
  const positional = invocation.source === 'script' ? invocation.positional : [];
  const shell = createShell(container, dialect, { name: invocation.name, env: launch.env, cwd: launch.cwd, tty: launch.tty, interactive: false, positional });
  return yield* shell.runScript(script, { stdout: launch.io.stdout, stderr: launch.io.stderr });
}

/** Runs a resolved program: a shell of some dialect, or a utility. */
export function* runProgram(container: ContainerView, launch: ProgramLaunch): Program {
  if (isDialect(launch.program)) return yield* runShellProgram(container, launch.program, launch);
  const utility = own(UTILITIES, launch.program);
  if (!utility) return 0;
  return yield* runUtility(utility, {
    name: launch.argv[0]!,
    args: launch.argv.slice(1),
    env: launch.env,
    cwd: launch.cwd,
    container,
    stdout: launch.io.stdout,
    stderr: launch.io.stderr,
    tty: launch.tty,
    ...(launch.io.stdin !== undefined ? { input: launch.io.stdin } : {}),
    exec: (argv, env) => execFromUtility(container, argv, env, launch),
  });
}

/** `env cmd ...`: look cmd up on the new PATH and run it, or say it cannot be found. */
function* execFromUtility(container: ContainerView, argv: string[], env: ReadonlyMap<string, string>, parent: ProgramLaunch): Program {
  const resolved = resolveCommand(container.fs, argv[0]!, env.get('PATH') ?? '', parent.cwd);
  if (!resolved.found) {
    parent.io.stderr.write(USERLAND[container.family.userland].envCannotExecute(argv[0]!));
    return 127;
  }
  return yield* runProgram(container, { ...parent, argv, program: resolved.program, env });
}

// ---- exec from outside (kubelet exec/run) -------------------------------------------------

export interface ExecRequest {
  argv: readonly string[];
  env: ReadonlyMap<string, string>;
  cwd: string;
  tty: boolean;
}

export type PreparedExec =
  /** The runtime could not start the process; the message is containerd's (and runc's) error. */
  | { kind: 'startFailed'; message: string }
  /** A shell reading its commands from stdin: the session drives it line by line. */
  | { kind: 'shell'; shell: Shell; dialect: DialectId }
  | { kind: 'program'; run(io: ProcessIo): Program };

/** The exec error as containerd reports it after runc failed to start the process. */
function ociStartFailure(detail: string): string {
  const execId = randomBytes(32).toString('hex');
  return `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: ${detail}: unknown`;
}

/** What runc's exec.LookPath says about a command it cannot run. */
function lookPathError(name: string, errno: 'ENOENT' | 'EACCES' | 'EISDIR'): string {
  const quoted = goQuote(name);
  if (!name.includes('/')) return `exec: ${quoted}: executable file not found in $PATH`;
  if (errno === 'ENOENT') return `exec: ${quoted}: stat ${name}: no such file or directory`;
  return `exec: ${quoted}: ${errno === 'EISDIR' ? 'is a directory' : 'permission denied'}`;
}

export function prepareExec(container: ContainerView, request: ExecRequest): PreparedExec {
  const [name] = request.argv;
  if (name === undefined) return { kind: 'startFailed', message: ociStartFailure('args must not be empty') };
  const resolved = resolveCommand(container.fs, name, request.env.get('PATH') ?? '', request.cwd);
  if (!resolved.found) {
    return { kind: 'startFailed', message: ociStartFailure(`exec failed: unable to start container process: ${lookPathError(name, resolved.errno)}`) };
  }
  const argv = [...request.argv];
  if (isDialect(resolved.program)) {
    const invocation = parseShellArguments(container, resolved.program, argv, request.cwd);
    if (invocation.source === 'stdin') {
      const shell = createShell(container, resolved.program, { name: invocation.name, env: request.env, cwd: request.cwd, tty: request.tty, interactive: request.tty });
      return { kind: 'shell', shell, dialect: resolved.program };
    }
  }
  return {
    kind: 'program',
    run: (io) => runProgram(container, { argv, program: resolved.program, env: request.env, cwd: request.cwd, io, tty: request.tty }),
  };
}

// Runs parsed shell scripts inside a simulated container: expansions, redirections, pipelines,
// lists, compound commands and the builtins a shell must own (cd, exit, export...). External
// programs are resolved along PATH and started through the injected `runProgram`.

import { resolvePath } from '../fs/memory-fs.js';
import { evaluateArithmetic } from './arithmetic.js';
import type { AndOr, Command, Pipeline, Redirect, Script, Word, WordPart } from './ast.js';
import type { Dialect, ShellSite } from './dialects.js';
import { expandGlob, hasGlob, type PatternChar } from './glob.js';
import { parseScript } from './parser.js';
import { resolveCommand } from './programs.js';
import type { ContainerView, Output, ProcessIo, Program } from './system.js';
import { UTILITIES } from './utilities/index.js';
import { runUtility } from './utilities/context.js';
import { echoText } from './utilities/info.js';
import { own } from '../own.js';

/** Thrown by `exit` (and `exec`); caught where the shell (or subshell) ends. */
export class ShellExit {
  constructor(readonly status: number) {}
}

export interface ProgramLaunch {
  argv: string[];
  program: string;
  env: ReadonlyMap<string, string>;
  cwd: string;
  io: ProcessIo;
  tty: boolean;
}

export interface ShellSetup {
  container: ContainerView;
  dialect: Dialect;
  /** $0, and the prefix of the shell's own messages. */
  name: string;
  env: ReadonlyMap<string, string>;
  cwd: string;
  tty: boolean;
  interactive: boolean;
  positional?: string[];
  /** Starts a resolved external program (a utility or another shell). */
  runProgram(launch: ProgramLaunch): Program;
}

/** Every loop iteration of a shell counts against this, so no script can spin forever. */
const MAX_ITERATIONS = 1_000;
const MAX_EXPANSION_DEPTH = 32;

type Piece = { text: string; quoted: boolean };

/** An Output that collects what is written (pipes, command substitution). */
class Capture implements Output {
  text = '';
  write(text: string): void {
    this.text += text;
  }
}

export class Shell {
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  cwd: string;
  status = 0;
  /** Set when `exit` ended an interactive shell. */
  exitStatus?: number;
  readonly pid: number;
  private line = 1;
  /** Shared with forks: the whole session has one iteration budget. */
  private iterations = { count: 0 };
  /** Status of the last command substitution (what an assignment-only command returns). */
  private substitutionStatus: number | undefined;
  private depth = 0;

  constructor(private readonly setup: ShellSetup) {
    for (const [k, v] of setup.env) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    this.cwd = setup.cwd;
    this.pid = setup.container.allocatePid();
  }

  private get dialect(): Dialect {
    return this.setup.dialect;
  }

  private site(): ShellSite {
    return { name: this.setup.name, line: this.line, interactive: this.setup.interactive };
  }

  /** A copy for subshells, pipeline stages and command substitutions. */
  private fork(): Shell {
    const copy = Object.create(Shell.prototype) as Shell;
    Object.assign(copy, this, { vars: new Map(this.vars), exported: new Set(this.exported) });
    return copy;
  }

  environment(): Map<string, string> {
    const env = new Map<string, string>();
    for (const name of this.exported) {
      const value = this.vars.get(name);
      if (value !== undefined) env.set(name, value);
    }
    return env;
  }

  // ---- entry points -----------------------------------------------------------------------

  /** Runs a whole script (sh -c, a script file, piped input). */
  *runScript(source: string, io: ProcessIo): Program {
    const parsed = parseScript(source);
    if (!parsed.ok) {
      const sourceLine = source.split('\n')[parsed.problem.line - 1] ?? '';
      io.stderr.write(this.dialect.syntaxError(this.site(), parsed.problem, sourceLine));
      this.status = 2;
      return 2;
    }
    try {
      yield* this.runList(parsed.script, io);
    } catch (e) {
      if (!(e instanceof ShellExit)) throw e;
      this.status = e.status;
    }
    return this.status;
  }

  /**
   * Runs one chunk of typed input. 'incomplete' means the chunk needs more lines (an open quote
   * or `if` without `fi`); the caller appends the next line and tries again.
   */
  *runChunk(source: string, io: ProcessIo): Program<'incomplete' | 'ran'> {
    const parsed = parseScript(source);
    if (!parsed.ok && (parsed.problem.kind === 'eof' || parsed.problem.kind === 'unterminated')) return 'incomplete';
    if (!parsed.ok) {
      io.stderr.write(this.dialect.syntaxError(this.site(), parsed.problem, source.trimEnd()));
      this.status = 2;
    } else {
      try {
        yield* this.runList(parsed.script, io);
      } catch (e) {
        if (!(e instanceof ShellExit)) throw e;
        this.status = e.status;
        this.exitStatus = e.status;
      }
    }
    this.line += Math.max(1, source.split('\n').length - 1);
    return 'ran';
  }

  // ---- lists and commands -------------------------------------------------------------------

  private *runList(script: Script, io: ProcessIo): Program {
    for (const andOr of script) yield* this.runAndOr(andOr, io);
    return this.status;
  }

  private *runAndOr(andOr: AndOr, io: ProcessIo): Program {
    let status = yield* this.runPipeline(andOr.first, io);
    for (const { op, pipeline } of andOr.rest) {
      if ((op === '&&') === (status === 0)) status = yield* this.runPipeline(pipeline, io);
    }
    this.status = status;
    return status;
  }

  private *runPipeline(pipeline: Pipeline, io: ProcessIo): Program {
    let status: number;
    if (pipeline.commands.length === 1) {
      status = yield* this.runCommand(pipeline.commands[0]!, io);
    } else {
      // Every stage runs in a subshell; each one's output is the next one's input.
      let input = io.stdin;
      status = 0;
      for (const [index, command] of pipeline.commands.entries()) {
        const last = index === pipeline.commands.length - 1;
        const capture = new Capture();
        const stageIo: ProcessIo = { stdout: last ? io.stdout : capture, stderr: io.stderr };
        if (input !== undefined) stageIo.stdin = input;
        status = yield* this.fork().runIsolated((shell) => shell.runCommand(command, stageIo));
        input = capture.text;
      }
    }
    this.status = pipeline.negated ? Number(status === 0) : status;
    return this.status;
  }

  /** Runs `body` so that `exit` only ends this (sub)shell. */
  private *runIsolated(body: (shell: Shell) => Program): Program {
    try {
      return yield* body(this);
    } catch (e) {
      if (!(e instanceof ShellExit)) throw e;
      return e.status;
    }
  }

  private *runCommand(command: Command, io: ProcessIo): Program {
    if (command.kind === 'simple') return yield* this.runSimple(command, io);
    const redirected = yield* this.applyRedirects(command.redirects, io);
    if (!redirected) return (this.status = this.dialect.failureStatus);
    switch (command.kind) {
      case 'group':
        if (command.subshell) return (this.status = yield* this.fork().runIsolated((s) => s.runList(command.body, redirected)));
        return yield* this.runList(command.body, redirected);
      case 'if': {
        for (const clause of command.clauses) {
          if ((yield* this.runList(clause.condition, redirected)) === 0) return yield* this.runList(clause.body, redirected);
        }
        if (command.otherwise) return yield* this.runList(command.otherwise, redirected);
        return (this.status = 0);
      }
      case 'for': {
        const items = command.items ? yield* this.expandWords(command.items, redirected) : (this.setup.positional ?? []);
        let status = 0;
        for (const item of items) {
          if (++this.iterations.count > MAX_ITERATIONS) break;
          this.vars.set(command.name, item);
          status = yield* this.runList(command.body, redirected);
        }
        return (this.status = status);
      }
      case 'loop': {
        let status = 0;
        while (++this.iterations.count <= MAX_ITERATIONS) {
          const condition = yield* this.runList(command.condition, redirected);
          if ((condition === 0) === command.until) break;
          status = yield* this.runList(command.body, redirected);
        }
        return (this.status = status);
      }
    }
  }

  private *runSimple(command: Extract<Command, { kind: 'simple' }>, io: ProcessIo): Program {
    this.line = command.line;
    this.substitutionStatus = undefined;
    const fields = yield* this.expandWords(command.words, io);
    const assigned = new Map<string, string>();
    for (const { name, value } of command.assignments) assigned.set(name, yield* this.expandWord(value, io));
    const redirected = yield* this.applyRedirects(command.redirects, io);
    if (!redirected) return (this.status = this.dialect.failureStatus);
    if (!fields.length) {
      for (const [k, v] of assigned) this.vars.set(k, v);
      return (this.status = this.substitutionStatus ?? 0);
    }
    const [name, ...args] = fields as [string, ...string[]];
    const builtin = own(BUILTINS, name);
    if (builtin) {
      const result = builtin(this, name, args, redirected);
      return (this.status = typeof result === 'number' ? result : yield* result);
    }
    const env = this.environment();
    for (const [k, v] of assigned) env.set(k, v);
    const resolved = resolveCommand(this.setup.container.fs, name, env.get('PATH') ?? '', this.cwd);
    if (!resolved.found) {
      if (name.includes('/')) {
        const { message, status } = this.dialect.cannotExecute(this.site(), name, resolved.errno);
        redirected.stderr.write(message);
        return (this.status = status);
      }
      redirected.stderr.write(this.dialect.notFound(this.site(), name));
      return (this.status = 127);
    }
    this.status = yield* this.setup.runProgram({ argv: fields, program: resolved.program, env, cwd: this.cwd, io: redirected, tty: this.setup.tty });
    return this.status;
  }

  // ---- redirections -------------------------------------------------------------------------

  private fileOutput(path: string): Output {
    const { fs, identity } = this.setup.container;
    return { write: (text) => void fs.writeFile(path, text, 'append', identity) };
  }

  private *applyRedirects(redirects: readonly Redirect[], io: ProcessIo): Program<ProcessIo | undefined> {
    const result: ProcessIo = { ...io };
    const { fs, identity } = this.setup.container;
    for (const redirect of redirects) {
      const target = yield* this.expandWord(redirect.target, io);
      const standard = new Map<string, Output>([
        ['/dev/stdout', result.stdout],
        ['/dev/stderr', result.stderr],
      ]);
      if (redirect.op === '>&' && (target === '1' || target === '2')) {
        const source = target === '1' ? result.stdout : result.stderr;
        if (redirect.fd === 2) result.stderr = source;
        else if (redirect.fd === 1) result.stdout = source;
        continue;
      }
      if (redirect.op === '<&' || (redirect.op === '>&' && target === '-')) continue;
      const path = resolvePath(target, this.cwd);
      if (redirect.op === '<') {
        const read = fs.readFile(path);
        if (!read.ok) {
          io.stderr.write(this.dialect.cannotOpen(this.site(), target, read.errno));
          return undefined;
        }
        if (redirect.fd === 0) result.stdin = read.value;
        continue;
      }
      let output = standard.get(path);
      if (!output) {
        const append = redirect.op === '>>' || redirect.op === '&>>';
        const opened = fs.writeFile(path, '', append ? 'append' : 'truncate', identity);
        if (!opened.ok) {
          io.stderr.write(this.dialect.cannotCreate(this.site(), target, opened.errno));
          return undefined;
        }
        output = this.fileOutput(path);
      }
      const both = redirect.op === '&>' || redirect.op === '&>>' || (redirect.op === '>&' && redirect.fd === 1);
      if (redirect.fd === 1 || both) result.stdout = output;
      if (redirect.fd === 2 || both) result.stderr = output;
    }
    return result;
  }

  // ---- expansion ----------------------------------------------------------------------------

  private param(name: string): string | undefined {
    const positional = this.setup.positional ?? [];
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '#':
        return String(positional.length);
      case '0':
        return this.setup.name;
      case '@':
      case '*':
        return positional.join(' ');
      case '!':
      case '-':
        return '';
    }
    if (/^[1-9]$/.test(name)) return positional[Number(name) - 1];
    return this.vars.get(name);
  }

  private *expandPart(part: Exclude<WordPart, { kind: 'text' }>, io: ProcessIo): Program<string> {
    if (++this.depth > MAX_EXPANSION_DEPTH) {
      this.depth--;
      return '';
    }
    try {
      if (part.kind === 'command') {
        const capture = new Capture();
        const status = yield* this.fork().runIsolated((s) => s.runList(part.script, { stdout: capture, stderr: io.stderr }));
        this.substitutionStatus = status;
        this.status = status;
        return capture.text.replace(/\n+$/, '');
      }
      if (part.kind === 'arithmetic') {
        const expanded = part.expression.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => this.vars.get(n) ?? '');
        return String(evaluateArithmetic(expanded, (n) => this.vars.get(n) ?? '') ?? 0);
      }
      const value = this.param(part.name);
      const modifier = part.modifier;
      if (!modifier) return value ?? '';
      if (modifier.op === 'length') return String((value ?? '').length);
      const unset = value === undefined || (modifier.op.startsWith(':') && value === '');
      switch (modifier.op) {
        case ':-':
        case '-':
          return unset ? yield* this.expandWord(modifier.word, io) : value!;
        case ':+':
        case '+':
          return unset ? '' : yield* this.expandWord(modifier.word, io);
        case ':=':
        case '=': {
          if (!unset) return value!;
          const assigned = yield* this.expandWord(modifier.word, io);
          this.vars.set(part.name, assigned);
          return assigned;
        }
      }
    } finally {
      this.depth--;
    }
  }

  /** A word's expansion as one string: no field splitting, no globbing (assignments, redirections). */
  *expandWord(word: Word, io: ProcessIo): Program<string> {
    let text = '';
    for (const [index, part] of word.entries()) {
      if (part.kind === 'text') text += index === 0 && !part.quoted ? this.tilde(part.value) : part.value;
      else text += yield* this.expandPart(part, io);
    }
    return text;
  }

  private tilde(text: string): string {
    if (!text.startsWith('~')) return text;
    const rest = text.slice(1);
    if (rest !== '' && !rest.startsWith('/')) return text;
    return (this.vars.get('HOME') ?? '/') + rest;
  }

  /** Words to fields: expansions, splitting of unquoted results on blanks, then globbing. */
  *expandWords(words: readonly Word[], io: ProcessIo): Program<string[]> {
    const result: string[] = [];
    for (const word of words) {
      const fields: Piece[][] = [];
      let current: Piece[] = [];
      let present = false;
      const close = () => {
        if (present || current.length) fields.push(current);
        current = [];
        present = false;
      };
      for (const [index, part] of word.entries()) {
        if (part.kind === 'text') {
          current.push({ text: index === 0 && !part.quoted ? this.tilde(part.value) : part.value, quoted: part.quoted });
          if (part.quoted) present = true;
          continue;
        }
        const value = yield* this.expandPart(part, io);
        if (part.quoted) {
          current.push({ text: value, quoted: true });
          present = true;
          continue;
        }
        const chunks = value.split(/[ \t\n]+/);
        chunks.forEach((chunk, i) => {
          if (i > 0) close();
          if (chunk) current.push({ text: chunk, quoted: false });
        });
      }
      close();
      for (const field of fields) {
        const globbing = field.some((p) => !p.quoted && /[*?[]/.test(p.text));
        const pattern: PatternChar[] = globbing ? field.flatMap((p) => [...p.text].map((char) => ({ char, quoted: p.quoted }))) : [];
        const matches = globbing && hasGlob(pattern) ? expandGlob(this.setup.container.fs, pattern, this.cwd) : [];
        if (matches.length) result.push(...matches);
        else result.push(field.map((p) => p.text).join(''));
      }
    }
    return result;
  }

  // ---- builtins -----------------------------------------------------------------------------

  /** Prompt for the next interactive line. */
  prompt(): string {
    const { container } = this.setup;
    const uid = container.identity.uid;
    const home = this.vars.get('HOME');
    const directory = home && home !== '/' && (this.cwd === home || this.cwd.startsWith(`${home}/`)) ? `~${this.cwd.slice(home.length)}` : this.cwd;
    return this.dialect.prompt({ user: container.userName(uid) ?? `I have no name!`, root: uid === 0, hostname: container.hostname, directory });
  }

  /** What the shell prints when it gets EOF at an interactive prompt. */
  eofMessage(): string {
    return this.dialect.exitMessage;
  }

  changeDirectory(target: string | undefined, io: ProcessIo): number {
    const destination = target === undefined ? (this.vars.get('HOME') ?? '/') : target === '-' ? (this.vars.get('OLDPWD') ?? this.cwd) : target;
    const path = resolvePath(destination, this.cwd);
    const node = this.setup.container.fs.stat(path);
    const errno = !node.ok ? node.errno : node.value.kind !== 'dir' ? 'ENOTDIR' : undefined;
    if (errno) {
      io.stderr.write(this.dialect.cdFailed(this.site(), destination, errno));
      return this.dialect.failureStatus;
    }
    this.vars.set('OLDPWD', this.cwd);
    this.cwd = path;
    this.vars.set('PWD', path);
    if (target === '-') io.stdout.write(`${path}\n`);
    return 0;
  }

  exit(args: readonly string[], io: ProcessIo): never {
    const [value] = args;
    if (value !== undefined && !/^-?\d+$/.test(value)) {
      io.stderr.write(this.dialect.badNumber(this.site(), 'exit', value));
      throw new ShellExit(2);
    }
    if (this.setup.interactive) io.stderr.write(this.dialect.exitMessage);
    throw new ShellExit(value === undefined ? this.status : ((Number(value) % 256) + 256) % 256);
  }

  exportNames(args: readonly string[], io: ProcessIo, exported: boolean): number {
    if (!args.length && exported) {
      for (const name of [...this.exported].sort()) io.stdout.write(this.dialect.exportLine(name, this.vars.get(name) ?? ''));
      return 0;
    }
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (eq >= 0) this.vars.set(name, arg.slice(eq + 1));
      if (exported) this.exported.add(name);
      else {
        this.vars.delete(name);
        this.exported.delete(name);
      }
    }
    return 0;
  }

  /** `set` with no operands lists the variables; options (set -e, set -- ...) are accepted and ignored. */
  listVariables(args: readonly string[], io: ProcessIo): number {
    if (args.length) return 0;
    for (const name of [...this.vars.keys()].sort()) io.stdout.write(`${name}='${this.vars.get(name)!.replace(/'/g, `'"'"'`)}'\n`);
    return 0;
  }

  echo(args: readonly string[], io: ProcessIo): number {
    io.stdout.write(echoText(args, this.dialect.echo.options, this.dialect.echo.escapes));
    return 0;
  }

  describe(names: readonly string[], io: ProcessIo, verbose: boolean): number {
    let status = 0;
    for (const name of names) {
      const resolved = own(BUILTINS, name) ? undefined : resolveCommand(this.setup.container.fs, name, this.vars.get('PATH') ?? '', this.cwd);
      if (!resolved) io.stdout.write(verbose ? `${name} is a shell builtin\n` : `${name}\n`);
      else if (resolved.found) io.stdout.write(verbose ? `${name} is ${resolved.path}\n` : `${resolved.path}\n`);
      else {
        status = 1;
        if (verbose) io.stdout.write(`${name}: not found\n`);
      }
    }
    return status;
  }

  *runUtilityAsBuiltin(name: string, args: string[], io: ProcessIo): Program {
    return yield* runUtility(UTILITIES[name]!, {
      name,
      args,
      env: this.environment(),
      cwd: this.cwd,
      container: this.setup.container,
      stdout: io.stdout,
      stderr: io.stderr,
      tty: this.setup.tty,
      ...(io.stdin !== undefined ? { input: io.stdin } : {}),
      exec: (argv) => this.runWords(argv, io),
    });
  }

  /** Runs already-expanded words as a command (`command ls`, `exec ls`). */
  *runWords(args: readonly string[], io: ProcessIo): Program {
    if (!args.length) return 0;
    const words: Word[] = args.map((value) => [{ kind: 'text', value, quoted: true }]);
    return yield* this.runSimple({ kind: 'simple', assignments: [], words, redirects: [], line: this.line }, io);
  }
}

/** A builtin that never waits may return its status directly. */
type Builtin = (shell: Shell, name: string, args: string[], io: ProcessIo) => Program | number;

const BUILTINS: Readonly<Record<string, Builtin>> = {
  cd: (shell, _name, args, io) => shell.changeDirectory(args[0], io),
  pwd: (shell, _name, _args, io) => {
    io.stdout.write(`${shell.cwd}\n`);
    return 0;
  },
  exit: (shell, _name, args, io) => shell.exit(args, io),
  export: (shell, _name, args, io) => shell.exportNames(args, io, true),
  unset: (shell, _name, args, io) => shell.exportNames(args, io, false),
  echo: (shell, _name, args, io) => shell.echo(args, io),
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  test: (shell, name, args, io) => shell.runUtilityAsBuiltin(name, args, io),
  '[': (shell, name, args, io) => shell.runUtilityAsBuiltin(name, args, io),
  type: (shell, _name, args, io) => shell.describe(args, io, true),
  command: (shell, _name, args, io) => (args[0] === '-v' ? shell.describe(args.slice(1), io, false) : shell.runWords(args, io)),
  set: (shell, _name, args, io) => shell.listVariables(args, io),
  exec: function* (shell, _name, args, io) {
    if (!args.length) return 0;
    throw new ShellExit(yield* shell.runWords(args, io));
  },
};

// Utilities that report on the process and its container, and the tiny ones: echo, env,
// printenv, id, whoami, hostname, pwd, uname, ps, date, sleep, true, false, mount, test/[.

import { resolvePath } from '../../fs/memory-fs.js';
import { own } from '../../own.js';
import { sleep as pause } from '../system.js';
import { commandName, messages, parseFlags, type Utility, type UtilityContext } from './context.js';

// ---- echo -----------------------------------------------------------------------------------

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\' };

/**
 * The text echo prints. Options are leading words made only of the letters `options` allows;
 * `escapes` says whether backslash sequences are interpreted without -e (dash's builtin does).
 */
export function echoText(args: readonly string[], options: string, escapes: boolean): string {
  let i = 0;
  let newline = true;
  let interpret = escapes;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (!/^-[a-zA-Z]+$/.test(arg) || [...arg.slice(1)].some((c) => !options.includes(c))) break;
    for (const flag of arg.slice(1)) {
      if (flag === 'n') newline = false;
      else interpret = flag === 'e';
    }
  }
  let text = args.slice(i).join(' ');
  if (interpret) {
    const stop = text.indexOf('\\c');
    if (stop >= 0) {
      text = text.slice(0, stop);
      newline = false;
    }
    text = text.replace(/\\(0[0-7]{0,3}|.)/g, (whole, code: string) =>
      code.startsWith('0') ? String.fromCharCode(parseInt(code, 8) || 0) : (own(ESCAPES, code) ?? whole),
    );
  }
  return newline ? `${text}\n` : text;
}

export const echo: Utility = (ctx) => {
  ctx.stdout.write(echoText(ctx.args, 'neE', false));
  return 0;
};

// ---- environment ----------------------------------------------------------------------------

export const printenv: Utility = (ctx) => {
  if (!ctx.args.length) {
    for (const [k, v] of ctx.env) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const name of ctx.args) {
    const value = ctx.env.get(name);
    if (value === undefined) status = 1;
    else ctx.stdout.write(`${value}\n`);
  }
  return status;
};

export const env: Utility = function* (ctx) {
  const environment = new Map(ctx.env);
  let i = 0;
  for (; i < ctx.args.length; i++) {
    const arg = ctx.args[i]!;
    if (arg === '-i' || arg === '-') environment.clear();
    else if (arg === '-u') environment.delete(ctx.args[++i] ?? '');
    else if (/^[^=]+=/.test(arg)) environment.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else break;
  }
  const command = ctx.args.slice(i);
  if (!command.length) {
    for (const [k, v] of environment) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  return yield* ctx.exec(command, environment);
};

// ---- identity -------------------------------------------------------------------------------

function named(id: number, name: string | undefined): string {
  return name === undefined ? String(id) : `${id}(${name})`;
}

export const id: Utility = (ctx) => {
  const { flags, invalid: bad } = parseFlags(ctx.args, 'ugGnr');
  if (bad) {
    const { message, status } = messages(ctx).invalidOption('id', bad);
    ctx.stderr.write(message);
    return status;
  }
  const { uid, gid, groups } = ctx.container.identity;
  const user = ctx.container.userName(uid);
  const group = (g: number) => ctx.container.groupName(g);
  const byName = flags.has('n');
  if (flags.has('u')) ctx.stdout.write(`${byName ? (user ?? uid) : uid}\n`);
  else if (flags.has('g')) ctx.stdout.write(`${byName ? (group(gid) ?? gid) : gid}\n`);
  else if (flags.has('G')) ctx.stdout.write(`${groups.map((g) => (byName ? (group(g) ?? g) : g)).join(' ')}\n`);
  else {
    const list = groups.map((g) => named(g, group(g))).join(',');
    ctx.stdout.write(`uid=${named(uid, user)} gid=${named(gid, group(gid))} groups=${list}\n`);
  }
  return 0;
};

export const whoami: Utility = (ctx) => {
  const { uid } = ctx.container.identity;
  const name = ctx.container.userName(uid);
  if (name === undefined) {
    ctx.stderr.write(messages(ctx).unknownUid(uid));
    return 1;
  }
  ctx.stdout.write(`${name}\n`);
  return 0;
};

export const hostname: Utility = (ctx) => {
  const [first] = ctx.args;
  if (first === '-i' || first === '-I') {
    const hosts = ctx.container.fs.readFile('/etc/hosts');
    const line = hosts.ok ? hosts.value.split('\n').find((l) => l.split(/\s+/).slice(1).includes(ctx.container.hostname)) : undefined;
    ctx.stdout.write(`${line?.split(/\s+/)[0] ?? '127.0.0.1'}${first === '-I' ? ' ' : ''}\n`);
    return 0;
  }
  if (first !== undefined && !first.startsWith('-')) {
    ctx.stderr.write(messages(ctx).setHostname);
    return 1;
  }
  ctx.stdout.write(`${first === '-s' ? ctx.container.hostname.split('.')[0] : ctx.container.hostname}\n`);
  return 0;
};

export const pwd: Utility = (ctx) => {
  ctx.stdout.write(`${ctx.cwd}\n`);
  return 0;
};

// ---- system ---------------------------------------------------------------------------------

export const uname: Utility = (ctx) => {
  const { flags, invalid: bad } = parseFlags(ctx.args, 'asnrvmopi');
  if (bad) {
    const { message, status } = messages(ctx).invalidOption('uname', bad);
    ctx.stderr.write(message);
    return status;
  }
  const { kernel, hostname: host } = ctx.container;
  const fields: [string, string][] = [
    ['s', 'Linux'],
    ['n', host],
    ['r', kernel.release],
    ['v', kernel.version],
    ['m', kernel.machine],
    ['o', 'GNU/Linux'],
  ];
  const all = flags.has('a');
  const picked = fields.filter(([f]) => all || flags.has(f));
  ctx.stdout.write(`${(picked.length ? picked : [fields[0]!]).map(([, v]) => v).join(' ')}\n`);
  return 0;
};

export const ps: Utility = (ctx) => {
  const processes = [...ctx.container.processes(), { pid: ctx.container.allocatePid(), uid: ctx.container.identity.uid, command: ctx.name === 'ps' ? 'ps' : ctx.name }];
  let out = 'PID   USER     TIME  COMMAND\n';
  for (const p of processes) {
    const user = (ctx.container.userName(p.uid) ?? String(p.uid)).slice(0, 8);
    out += `${String(p.pid).padStart(5)} ${user.padEnd(8)} ${'0:00'.padStart(5)} ${p.command}\n`;
  }
  ctx.stdout.write(out);
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime for the conversions people type (the container's zone is UTC). */
function formatDate(d: Date, format: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const table: Readonly<Record<string, () => string>> = {
    a: () => DAYS[d.getUTCDay()]!,
    b: () => MONTHS[d.getUTCMonth()]!,
    d: () => two(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2),
    H: () => two(d.getUTCHours()),
    M: () => two(d.getUTCMinutes()),
    S: () => two(d.getUTCSeconds()),
    m: () => two(d.getUTCMonth() + 1),
    Y: () => String(d.getUTCFullYear()),
    y: () => two(d.getUTCFullYear() % 100),
    Z: () => 'UTC',
    z: () => '+0000',
    s: () => String(Math.floor(d.getTime() / 1000)),
    T: () => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    F: () => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (whole, c: string) => own(table, c)?.() ?? whole);
}

export const date: Utility = (ctx) => {
  const format = ctx.args.find((a) => a.startsWith('+'));
  const unknown = ctx.args.find((a) => a.startsWith('-') && a !== '-u' && a !== '-R');
  if (unknown) {
    const { message, status } = messages(ctx).invalidOption('date', unknown.slice(1, 2));
    ctx.stderr.write(message);
    return status;
  }
  const now = ctx.container.clock();
  const rfc = ctx.args.includes('-R') ? '%a, %d %b %Y %H:%M:%S +0000' : undefined;
  ctx.stdout.write(`${formatDate(now, format?.slice(1) ?? rfc ?? '%a %b %e %H:%M:%S %Z %Y')}\n`);
  return 0;
};

export const sleep: Utility = function* (ctx) {
  if (!ctx.args.length) {
    ctx.stderr.write(messages(ctx).missingOperand('sleep'));
    return 1;
  }
  const unit: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
  let seconds = 0;
  for (const arg of ctx.args) {
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) {
      ctx.stderr.write(messages(ctx).invalidSleep(arg));
      return 1;
    }
    seconds += Number(match[1]) * unit[match[2]!]!;
  }
  yield* pause(seconds * 1000);
  return 0;
};

export const trueUtility: Utility = () => 0;

export const falseUtility: Utility = () => 1;

export const mount: Utility = (ctx) => {
  const operands = ctx.args.filter((a) => !a.startsWith('-'));
  if (!operands.length) {
    for (const m of ctx.container.mounts) ctx.stdout.write(`${m.source} on ${m.target} type ${m.type} (${m.options})\n`);
    return 0;
  }
  const { message, status } = messages(ctx).mountDenied(operands);
  ctx.stderr.write(message);
  return status;
};

// ---- test / [ -------------------------------------------------------------------------------

function unary(ctx: UtilityContext, op: string, operand: string): boolean | undefined {
  const node = () => ctx.container.fs.lookup(resolvePath(operand, ctx.cwd));
  switch (op) {
    case '-z':
      return operand === '';
    case '-n':
      return operand !== '';
    case '-e':
    case '-r':
    case '-w':
      return node() !== undefined;
    case '-f':
      return node()?.kind === 'file';
    case '-d':
      return node()?.kind === 'dir';
    case '-s': {
      const n = node();
      return n?.kind === 'file' && n.content.length > 0;
    }
    case '-x':
      return node()?.kind === 'dir' || (node()?.kind === 'file' && (node()!.mode & 0o111) !== 0);
    case '-c':
      return node()?.kind === 'null';
    case '-h':
    case '-L':
      return false;
  }
  return undefined;
}

function binary(left: string, op: string, right: string): boolean | undefined {
  const numbers = () => [Number(left), Number(right)] as const;
  switch (op) {
    case '=':
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '-eq':
      return numbers()[0] === numbers()[1];
    case '-ne':
      return numbers()[0] !== numbers()[1];
    case '-lt':
      return numbers()[0] < numbers()[1];
    case '-le':
      return numbers()[0] <= numbers()[1];
    case '-gt':
      return numbers()[0] > numbers()[1];
    case '-ge':
      return numbers()[0] >= numbers()[1];
  }
  return undefined;
}

function evaluate(ctx: UtilityContext, args: readonly string[]): boolean | undefined {
  if (args[0] === '!' && args.length > 1) {
    const inner = evaluate(ctx, args.slice(1));
    return inner === undefined ? undefined : !inner;
  }
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      return unary(ctx, args[0]!, args[1]!);
    case 3:
      return binary(args[0]!, args[1]!, args[2]!);
  }
  const and = args.indexOf('-a');
  if (and > 0) {
    const [l, r] = [evaluate(ctx, args.slice(0, and)), evaluate(ctx, args.slice(and + 1))];
    return l === undefined || r === undefined ? undefined : l && r;
  }
  const or = args.indexOf('-o');
  if (or > 0) {
    const [l, r] = [evaluate(ctx, args.slice(0, or)), evaluate(ctx, args.slice(or + 1))];
    return l === undefined || r === undefined ? undefined : l || r;
  }
  return undefined;
}

export const test: Utility = (ctx) => {
  let args = ctx.args;
  const name = commandName(ctx);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.stderr.write(`${name}: missing ]\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const result = evaluate(ctx, args);
  if (result === undefined) {
    ctx.stderr.write(`${name}: syntax error\n`);
    return 2;
  }
  return result ? 0 : 1;
};

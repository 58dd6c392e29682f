// Utilities that read and change files: cat, ls, head, tail, wc, grep, mkdir, rm, touch.

import { resolvePath, type FsNode } from '../../fs/memory-fs.js';
import type { Program } from '../system.js';
import { commandName, messages, parseFlags, stdinText, type Utility, type UtilityContext } from './context.js';
import { compilePattern } from './pattern.js';
import type { LongListingCells } from './userland.js';

type Source = { name: string; text: string } | { name: string; failed: true };

/** Reads each operand ("-" or none: stdin), reporting unreadable ones the userland's way. */
function* readSources(ctx: UtilityContext, operands: readonly string[]): Program<Source[]> {
  const cmd = commandName(ctx);
  const sources: Source[] = [];
  for (const operand of operands.length ? operands : ['-']) {
    if (operand === '-') {
      sources.push({ name: operand, text: yield* stdinText(ctx) });
      continue;
    }
    const read = ctx.container.fs.readFile(resolvePath(operand, ctx.cwd));
    if (read.ok) {
      sources.push({ name: operand, text: read.value });
    } else {
      ctx.stderr.write(
        read.errno === 'EISDIR' ? messages(ctx).readDirectory(cmd, operand) : messages(ctx).cannotOpen(cmd, operand, read.errno),
      );
      sources.push({ name: operand, failed: true });
    }
  }
  return sources;
}

function invalid(ctx: UtilityContext, option: string): number {
  const { message, status } = messages(ctx).invalidOption(commandName(ctx), option);
  ctx.stderr.write(message);
  return status;
}

function lines(text: string): string[] {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export const cat: Utility = function* (ctx) {
  const { flags, operands, invalid: bad } = parseFlags(ctx.args, 'nu');
  if (bad) return invalid(ctx, bad);
  let status = 0;
  let lineNumber = 0;
  for (const source of yield* readSources(ctx, operands)) {
    if ('failed' in source) {
      status = 1;
      continue;
    }
    if (!flags.has('n')) ctx.stdout.write(source.text);
    else for (const line of source.text.split(/(?<=\n)/)) if (line) ctx.stdout.write(`${String(++lineNumber).padStart(6)}\t${line}`);
  }
  return status;
};

function headOrTail(which: 'head' | 'tail'): Utility {
  return function* (ctx) {
    const legacy = ctx.args[0] && /^-[0-9]+$/.test(ctx.args[0]) ? ['-n', ctx.args[0].slice(1), ...ctx.args.slice(1)] : ctx.args;
    const { flags, operands, invalid: bad } = parseFlags(legacy, 'fqv', 'nc');
    if (bad) return invalid(ctx, bad);
    const count = Number(String(flags.get('n') ?? flags.get('c') ?? '10').replace(/^\+/, ''));
    const byBytes = flags.has('c');
    let status = 0;
    const sources = yield* readSources(ctx, operands);
    sources.forEach((source, index) => {
      if ('failed' in source) {
        status = 1;
        return;
      }
      if (sources.length > 1) ctx.stdout.write(`${index ? '\n' : ''}==> ${source.name === '-' ? 'standard input' : source.name} <==\n`);
      if (byBytes) {
        ctx.stdout.write(which === 'head' ? source.text.slice(0, count) : count ? source.text.slice(-count) : '');
        return;
      }
      const all = lines(source.text);
      const picked = which === 'head' ? all.slice(0, count) : count ? all.slice(-count) : [];
      ctx.stdout.write(picked.map((l) => `${l}\n`).join(''));
    });
    return status;
  };
}

export const head = headOrTail('head');
export const tail = headOrTail('tail');

export const wc: Utility = function* (ctx) {
  const { flags, operands, invalid: bad } = parseFlags(ctx.args, 'lwcm');
  if (bad) return invalid(ctx, bad);
  const wanted = (['l', 'w', 'c'] as const).filter((f) => flags.has(f) || (f === 'c' && flags.has('m')));
  const columns = wanted.length ? wanted : (['l', 'w', 'c'] as const);
  const count = (text: string) => ({
    l: (text.match(/\n/g) ?? []).length,
    w: text.split(/\s+/).filter(Boolean).length,
    c: Buffer.byteLength(text),
  });
  let status = 0;
  const rows: { counts: number[]; name?: string }[] = [];
  const totals = [0, 0, 0];
  for (const source of yield* readSources(ctx, operands)) {
    if ('failed' in source) {
      status = 1;
      continue;
    }
    const c = count(source.text);
    const counts = columns.map((k) => c[k]);
    counts.forEach((n, i) => (totals[i]! += n));
    rows.push(source.name === '-' ? { counts } : { counts, name: source.name });
  }
  if (rows.length > 1) rows.push({ counts: totals.slice(0, columns.length), name: 'total' });
  const width = columns.length === 1 && rows.length === 1 ? 0 : Math.max(7, ...rows.flatMap((r) => r.counts.map((n) => String(n).length)));
  for (const row of rows) {
    const cells = row.counts.map((n) => String(n).padStart(width)).join(' ');
    ctx.stdout.write(row.name === undefined ? `${cells}\n` : `${cells} ${row.name}\n`);
  }
  return status;
};

export const grep: Utility = function* (ctx) {
  const { flags, operands, invalid: bad } = parseFlags(ctx.args, 'ivcnqlhHEFwsr', 'e');
  if (bad) return invalid(ctx, bad);
  const explicit = flags.get('e');
  const [pattern, ...files] = typeof explicit === 'string' ? [explicit, ...operands] : operands;
  if (pattern === undefined) {
    ctx.stderr.write(messages(ctx).missingOperand('grep'));
    return 2;
  }
  const matcher = compilePattern(pattern, { extended: flags.has('E'), ignoreCase: flags.has('i'), fixed: flags.has('F') });
  const showNames = flags.has('H') || (files.length > 1 && !flags.has('h'));
  let matched = false;
  let failed = false;
  for (const file of files.length ? files : ['-']) {
    let text: string;
    if (file === '-') text = yield* stdinText(ctx);
    else {
      const read = ctx.container.fs.readFile(resolvePath(file, ctx.cwd));
      if (!read.ok) {
        if (!flags.has('s')) ctx.stderr.write(read.errno === 'EISDIR' ? `grep: ${file}: Is a directory\n` : messages(ctx).grepMissing(file));
        failed = true;
        continue;
      }
      text = read.value;
    }
    const name = file === '-' ? '(standard input)' : file;
    let hits = 0;
    lines(text).forEach((line, index) => {
      if (matcher.test(line) === flags.has('v')) return;
      hits++;
      if (flags.has('q') || flags.has('c') || flags.has('l')) return;
      ctx.stdout.write(`${showNames ? `${name}:` : ''}${flags.has('n') ? `${index + 1}:` : ''}${line}\n`);
    });
    if (hits) matched = true;
    if (flags.has('c') && !flags.has('q')) ctx.stdout.write(`${showNames ? `${name}:` : ''}${hits}\n`);
    if (flags.has('l') && hits && !flags.has('q')) ctx.stdout.write(`${name}\n`);
  }
  if (flags.has('q') && matched) return 0;
  return failed ? 2 : matched ? 0 : 1;
};

// ---- ls -------------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function modeString(node: FsNode): string {
  const type = node.kind === 'dir' ? 'd' : node.kind === 'null' ? 'c' : '-';
  let bits = '';
  for (let shift = 6; shift >= 0; shift -= 3) {
    const part = (node.mode >> shift) & 7;
    bits += `${part & 4 ? 'r' : '-'}${part & 2 ? 'w' : '-'}${part & 1 ? 'x' : '-'}`;
  }
  return type + bits;
}

function cells(ctx: UtilityContext, node: FsNode, name: string): LongListingCells {
  const d = node.mtime;
  const pad = (n: number) => String(n).padStart(2, '0');
  const links = node.kind === 'dir' ? 2 + [...node.children.values()].filter((c) => c.kind === 'dir').length : 1;
  return {
    mode: modeString(node),
    links: String(links),
    owner: ctx.container.userName(node.uid) ?? String(node.uid),
    group: ctx.container.groupName(node.gid) ?? String(node.gid),
    size: node.kind === 'dir' ? '4096' : node.kind === 'null' ? '1, 3' : String(Buffer.byteLength(node.content)),
    date: `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    name,
  };
}

/** ls's column layout for a terminal 80 columns wide, filled column by column. */
function columns(names: readonly string[]): string {
  if (!names.length) return '';
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const perLine = Math.max(1, Math.floor(80 / width));
  const rows = Math.ceil(names.length / perLine);
  let out = '';
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < perLine; c++) {
      const name = names[c * rows + r];
      if (name !== undefined) row.push(name);
    }
    out += `${row.map((n, i) => (i < row.length - 1 ? n.padEnd(width) : n)).join('')}\n`;
  }
  return out;
}

function renderEntries(ctx: UtilityContext, entries: { name: string; node: FsNode }[], long: boolean, one: boolean, total: boolean): string {
  if (!long) return ctx.tty && !one ? columns(entries.map((e) => e.name)) : entries.map((e) => `${e.name}\n`).join('');
  const rows = entries.map((e) => cells(ctx, e.node, e.name));
  const widths = {} as LongListingCells;
  for (const key of ['mode', 'links', 'owner', 'group', 'size', 'date', 'name'] as const) {
    widths[key] = ''.padEnd(Math.max(0, ...rows.map((r) => r[key].length)));
  }
  const blocks = entries.reduce((sum, e) => sum + (e.node.kind === 'file' ? Math.ceil(Buffer.byteLength(e.node.content) / 4096) * 4 : e.node.kind === 'dir' ? 4 : 0), 0);
  const header = total && messages(ctx).listingTotal ? `total ${blocks}\n` : '';
  return header + rows.map((r) => messages(ctx).longListing(r, widths)).join('');
}

export const ls: Utility = (ctx) => {
  const { flags, operands, invalid: bad } = parseFlags(ctx.args, 'laA1dhFRrt');
  if (bad) return invalid(ctx, bad);
  const long = flags.has('l');
  const all = flags.has('a');
  const almostAll = flags.has('A');
  let status = 0;
  const files: { name: string; node: FsNode }[] = [];
  const dirs: { name: string; node: FsNode & { kind: 'dir' } }[] = [];
  for (const operand of operands.length ? operands : ['.']) {
    const node = ctx.container.fs.lookup(resolvePath(operand, ctx.cwd));
    if (!node) {
      const { message, status: code } = messages(ctx).lsMissing(operand);
      ctx.stderr.write(message);
      status = code;
    } else if (node.kind === 'dir' && !flags.has('d')) dirs.push({ name: operand, node });
    else files.push({ name: operand, node });
  }
  let out = renderEntries(ctx, files, long, flags.has('1'), false);
  dirs.forEach((dir, index) => {
    const entries = [...dir.node.children.entries()]
      .filter(([name]) => all || almostAll || !name.startsWith('.'))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, node]) => ({ name, node }));
    if (all) {
      const parent = ctx.container.fs.lookup(resolvePath(`${dir.name}/..`, ctx.cwd)) ?? dir.node;
      entries.unshift({ name: '.', node: dir.node }, { name: '..', node: parent });
    }
    const titled = operands.length > 1 || files.length > 0;
    if (titled) out += `${out || index ? '\n' : ''}${dir.name}:\n`;
    out += renderEntries(ctx, entries, long, flags.has('1'), true);
  });
  ctx.stdout.write(out);
  return status;
};

// ---- changing files -------------------------------------------------------------------------

function owner(ctx: UtilityContext) {
  return { uid: ctx.container.identity.uid, gid: ctx.container.identity.gid };
}

export const mkdir: Utility = (ctx) => {
  const { flags, operands, invalid: bad } = parseFlags(ctx.args, 'pv', 'm');
  if (bad) return invalid(ctx, bad);
  if (!operands.length) {
    ctx.stderr.write(messages(ctx).missingOperand('mkdir'));
    return 1;
  }
  let status = 0;
  for (const operand of operands) {
    const path = resolvePath(operand, ctx.cwd);
    if (flags.has('p')) {
      const existing = ctx.container.fs.lookup(path);
      if (existing?.kind === 'dir') continue;
      const parts = path.split('/').filter(Boolean);
      for (let i = 1; i <= parts.length; i++) {
        const prefix = `/${parts.slice(0, i).join('/')}`;
        if (ctx.container.fs.lookup(prefix)?.kind === 'dir') continue;
        const made = ctx.container.fs.makeDirectory(prefix, owner(ctx));
        if (!made.ok) {
          ctx.stderr.write(messages(ctx).cannotCreateDirectory(operand, made.errno));
          status = 1;
          break;
        }
      }
      continue;
    }
    const made = ctx.container.fs.makeDirectory(path, owner(ctx));
    if (!made.ok) {
      ctx.stderr.write(messages(ctx).cannotCreateDirectory(operand, made.errno));
      status = 1;
    }
  }
  return status;
};

export const rm: Utility = (ctx) => {
  const { flags, operands, invalid: bad } = parseFlags(ctx.args, 'rRfiv');
  if (bad) return invalid(ctx, bad);
  if (!operands.length && !flags.has('f')) {
    ctx.stderr.write(messages(ctx).missingOperand('rm'));
    return 1;
  }
  let status = 0;
  for (const operand of operands) {
    const removed = ctx.container.fs.remove(resolvePath(operand, ctx.cwd), flags.has('r') || flags.has('R'));
    if (removed.ok || (flags.has('f') && removed.errno === 'ENOENT')) continue;
    ctx.stderr.write(messages(ctx).cannotRemove(operand, removed.errno));
    status = 1;
  }
  return status;
};

export const touch: Utility = (ctx) => {
  const { operands, invalid: bad } = parseFlags(ctx.args, 'acm');
  if (bad) return invalid(ctx, bad);
  if (!operands.length) {
    ctx.stderr.write(messages(ctx).missingOperand('touch'));
    return 1;
  }
  let status = 0;
  for (const operand of operands) {
    const path = resolvePath(operand, ctx.cwd);
    const node = ctx.container.fs.lookup(path);
    if (node?.kind === 'file') {
      ctx.container.fs.touch(path);
      continue;
    }
    if (node) continue;
    const written = ctx.container.fs.writeFile(path, '', 'append', owner(ctx));
    if (!written.ok) {
      ctx.stderr.write(messages(ctx).cannotTouch(operand, written.errno));
      status = 1;
    }
  }
  return status;
};


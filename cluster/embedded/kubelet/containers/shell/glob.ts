// Pathname expansion (*, ?, [...]) against the container's filesystem.

import type { MemoryFs } from '../fs/memory-fs.js';

/** One character of a glob pattern; quoted characters only ever match themselves. */
export interface PatternChar {
  char: string;
  quoted: boolean;
}

export function hasGlob(pattern: readonly PatternChar[]): boolean {
  return pattern.some((p) => !p.quoted && (p.char === '*' || p.char === '?' || p.char === '['));
}

type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'set'; test: (c: string) => boolean } | { kind: 'lit'; char: string };

function tokenize(pattern: readonly PatternChar[]): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const { char, quoted } = pattern[i]!;
    if (quoted) tokens.push({ kind: 'lit', char });
    else if (char === '*') tokens.push({ kind: 'star' });
    else if (char === '?') tokens.push({ kind: 'any' });
    else if (char === '[') {
      const close = pattern.findIndex((p, j) => j > i + 1 && p.char === ']' && !p.quoted);
      if (close < 0) {
        tokens.push({ kind: 'lit', char });
        continue;
      }
      let body = pattern.slice(i + 1, close).map((p) => p.char).join('');
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && body[j + 2] !== undefined) {
          ranges.push([body[j]!, body[j + 2]!]);
          j += 2;
        } else ranges.push([body[j]!, body[j]!]);
      }
      tokens.push({ kind: 'set', test: (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) !== negate });
      i = close;
    } else tokens.push({ kind: 'lit', char });
  }
  return tokens;
}

/** Whether `name` matches; a leading dot must be matched explicitly. Linear-time DP. */
export function globMatch(pattern: readonly PatternChar[], name: string): boolean {
  if (name.startsWith('.') && pattern[0]?.char !== '.') return false;
  const tokens = tokenize(pattern);
  let next = new Uint8Array(name.length + 1);
  next[name.length] = 1;
  for (let p = tokens.length - 1; p >= 0; p--) {
    const token = tokens[p]!;
    const current = new Uint8Array(name.length + 1);
    for (let t = name.length; t >= 0; t--) {
      const c = name[t];
      if (token.kind === 'star') current[t] = next[t] || (c !== undefined && current[t + 1]) ? 1 : 0;
      else {
        const one = c !== undefined && (token.kind === 'any' || (token.kind === 'set' ? token.test(c) : token.char === c));
        current[t] = one && next[t + 1] ? 1 : 0;
      }
    }
    next = current;
  }
  return next[0] === 1;
}

/** Expands a pattern to the sorted paths it names, or [] when it names none. */
export function expandGlob(fs: MemoryFs, pattern: readonly PatternChar[], cwd: string): string[] {
  const absolute = pattern[0]?.char === '/';
  const segments: PatternChar[][] = [[]];
  for (const p of pattern) {
    if (p.char === '/') segments.push([]);
    else segments[segments.length - 1]!.push(p);
  }
  let matches: { shown: string; real: string }[] = [{ shown: absolute ? '/' : '', real: absolute ? '/' : cwd }];
  for (const segment of segments) {
    if (!segment.length) continue;
    const next: { shown: string; real: string }[] = [];
    for (const m of matches) {
      const dir = fs.lookup(m.real);
      if (dir?.kind !== 'dir') continue;
      const join = (name: string) => ({
        shown: m.shown === '' ? name : m.shown.endsWith('/') ? m.shown + name : `${m.shown}/${name}`,
        real: m.real.endsWith('/') ? m.real + name : `${m.real}/${name}`,
      });
      if (!hasGlob(segment)) {
        const name = segment.map((p) => p.char).join('');
        if (dir.children.has(name) || name === '.' || name === '..') next.push(join(name));
        continue;
      }
      for (const name of [...dir.children.keys()].sort()) if (globMatch(segment, name)) next.push(join(name));
    }
    matches = next;
  }
  return matches.map((m) => m.shown);
}

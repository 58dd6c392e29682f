// The regular expressions grep understands: literals, ., [...] (with ranges, negation and
// [:class:]), ^ and $, * (and + ? in -E), and top-level alternation. Matching is linear in
// line length times pattern length whatever the pattern: no input can stall a shell.

import { own } from '../../own.js';

type Atom = (c: string) => boolean;

interface Piece {
  atom: Atom;
  min: number;
  max: number;
}

interface Branch {
  start: boolean;
  end: boolean;
  pieces: Piece[];
}

const CLASSES: Readonly<Record<string, RegExp>> = {
  alpha: /[A-Za-z]/,
  digit: /[0-9]/,
  alnum: /[A-Za-z0-9]/,
  upper: /[A-Z]/,
  lower: /[a-z]/,
  space: /\s/,
  punct: /[!-/:-@[-`{-~]/,
  xdigit: /[0-9A-Fa-f]/,
};

export interface Matcher {
  test(line: string): boolean;
}

function fold(c: string, ignoreCase: boolean): string {
  return ignoreCase ? c.toLowerCase() : c;
}

function parseBracket(pattern: string, start: number, ignoreCase: boolean): { atom: Atom; next: number } | undefined {
  let i = start + 1;
  const negate = pattern[i] === '^';
  if (negate) i++;
  const tests: Atom[] = [];
  let first = true;
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(i));
    const re = cls ? own(CLASSES, cls[1]!) : undefined;
    if (cls && re) {
      tests.push((c) => re.test(c));
      i += cls[0].length;
      continue;
    }
    const low = pattern[i]!;
    if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      const high = pattern[i + 2]!;
      tests.push((c) => c >= low && c <= high);
      i += 3;
    } else {
      tests.push((c) => c === low);
      i++;
    }
  }
  if (i >= pattern.length) return undefined;
  const atom: Atom = (c) => {
    const hit = tests.some((t) => t(c) || (ignoreCase && (t(c.toLowerCase()) || t(c.toUpperCase()))));
    return negate ? !hit : hit;
  };
  return { atom, next: i + 1 };
}

function splitAlternatives(pattern: string, extended: boolean): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      if (!extended && pattern[i + 1] === '|') {
        parts.push(current);
        current = '';
      } else current += c + pattern[i + 1];
      i++;
    } else if (extended && c === '|') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function compileBranch(source: string, extended: boolean, ignoreCase: boolean): Branch {
  let pattern = source;
  const start = pattern.startsWith('^');
  if (start) pattern = pattern.slice(1);
  const end = pattern.endsWith('$') && !pattern.endsWith('\\$');
  if (end) pattern = pattern.slice(0, -1);
  const pieces: Piece[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    let atom: Atom;
    if (c === '.') {
      atom = () => true;
      i++;
    } else if (c === '[') {
      const bracket = parseBracket(pattern, i, ignoreCase);
      if (bracket) {
        atom = bracket.atom;
        i = bracket.next;
      } else {
        atom = (x) => x === '[';
        i++;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      const literal = fold(pattern[i + 1]!, ignoreCase);
      atom = (x) => fold(x, ignoreCase) === literal;
      i += 2;
    } else {
      const literal = fold(c, ignoreCase);
      atom = (x) => fold(x, ignoreCase) === literal;
      i++;
    }
    const q = pattern[i];
    const bre = pattern.slice(i, i + 2);
    if (q === '*') {
      pieces.push({ atom, min: 0, max: Infinity });
      i++;
    } else if ((extended && q === '+') || (!extended && bre === '\\+')) {
      pieces.push({ atom, min: 1, max: Infinity });
      i += extended ? 1 : 2;
    } else if ((extended && q === '?') || (!extended && bre === '\\?')) {
      pieces.push({ atom, min: 0, max: 1 });
      i += extended ? 1 : 2;
    } else pieces.push({ atom, min: 1, max: 1 });
  }
  return { start, end, pieces };
}

/** Bottom-up over (piece, position): O(pieces x line length), no recursion. */
function matchBranch(branch: Branch, line: string): boolean {
  const pieces = branch.pieces.flatMap((piece): Piece[] =>
    // x+ is x then x*: every piece is then exactly-one, optional or any-number.
    piece.min === 1 && piece.max === Infinity ? [{ ...piece, max: 1 }, { ...piece, min: 0 }] : [piece],
  );
  const length = line.length;
  let next = new Uint8Array(length + 1);
  for (let t = 0; t <= length; t++) next[t] = !branch.end || t === length ? 1 : 0;
  for (let p = pieces.length - 1; p >= 0; p--) {
    const { atom, min, max } = pieces[p]!;
    const current = new Uint8Array(length + 1);
    for (let t = length; t >= 0; t--) {
      const consumes = t < length && atom(line[t]!);
      if (max === Infinity) current[t] = next[t] || (consumes && current[t + 1]) ? 1 : 0;
      else if (min === 0) current[t] = next[t] || (consumes && next[t + 1]) ? 1 : 0;
      else current[t] = consumes && next[t + 1] ? 1 : 0;
    }
    next = current;
  }
  if (branch.start) return next[0] === 1;
  return next.includes(1);
}

export function compilePattern(pattern: string, options: { extended: boolean; ignoreCase: boolean; fixed: boolean }): Matcher {
  if (options.fixed) {
    const needle = fold(pattern, options.ignoreCase);
    return { test: (line) => fold(line, options.ignoreCase).includes(needle) };
  }
  const branches = splitAlternatives(pattern, options.extended).map((b) => compileBranch(b, options.extended, options.ignoreCase));
  return { test: (line) => branches.some((b) => matchBranch(b, line)) };
}

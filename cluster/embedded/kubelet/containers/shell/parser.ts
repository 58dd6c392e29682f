// Parses shell command lines into the syntax tree of ast.ts: quoting, parameter and command
// substitution, redirections, pipelines, && / ||, lists, groups, subshells, if, for, while/until.
// Syntax errors come back as values carrying what each real shell's message needs.

import type { AndOr, Assignment, Command, CompoundCommand, Pipeline, Redirect, RedirectOp, Script, Word, WordPart } from './ast.js';

export type SyntaxProblem =
  | { kind: 'unterminated'; quote: string; line: number }
  | { kind: 'unexpected'; token: string; line: number }
  | { kind: 'eof'; expecting: string; line: number };

export type ParseResult = { ok: true; script: Script } | { ok: false; problem: SyntaxProblem };

class SyntaxFailure {
  constructor(readonly problem: SyntaxProblem) {}
}

type Token =
  | { type: 'word'; parts: Word; raw: string; line: number }
  | { type: 'op'; op: string; line: number }
  | { type: 'redirect'; fd?: number; op: RedirectOp; line: number }
  | { type: 'newline'; line: number }
  | { type: 'eof'; line: number };

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'do', 'done', 'while', 'until', '{', '}', '!']);
const OPERATOR_CHARS = '|&;<>()';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a whole script. Never throws. */
export function parseScript(source: string): ParseResult {
  try {
    const parser = new Parser(source, 0, 1);
    const script = parser.parseList(new Set());
    parser.expectEnd();
    return { ok: true, script };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, problem: e.problem };
    throw e;
  }
}

class Parser {
  private peeked?: Token;

  constructor(
    private readonly src: string,
    private pos: number,
    private line: number,
  ) {}

  get position(): { pos: number; line: number } {
    return { pos: this.pos, line: this.line };
  }

  // ---- tokens -------------------------------------------------------------------------------

  private peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  private next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private lex(): Token {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else break;
    }
    const line = this.line;
    const c = this.src[this.pos];
    if (c === undefined) return { type: 'eof', line };
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { type: 'newline', line };
    }
    const ioNumber = /^([0-9])(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 2));
    if (ioNumber) {
      this.pos++;
      return this.lexRedirect(Number(ioNumber[1]), line);
    }
    if (c === '<' || c === '>') return this.lexRedirect(undefined, line);
    if (c === '&' && this.src[this.pos + 1] === '>') {
      const append = this.src[this.pos + 2] === '>';
      this.pos += append ? 3 : 2;
      return { type: 'redirect', op: append ? '&>>' : '&>', line };
    }
    if (OPERATOR_CHARS.includes(c)) {
      const two = this.src.slice(this.pos, this.pos + 2);
      const op = ['&&', '||', ';;'].includes(two) ? two : c;
      this.pos += op.length;
      return { type: 'op', op, line };
    }
    const start = this.pos;
    const parts = this.readWord(undefined);
    return { type: 'word', parts, raw: this.src.slice(start, this.pos), line };
  }

  private lexRedirect(fd: number | undefined, line: number): Token {
    const three = this.src.slice(this.pos, this.pos + 2);
    const ops: RedirectOp[] = ['>>', '>&', '<&', '>', '<'];
    if (three === '<<') throw new SyntaxFailure({ kind: 'unexpected', token: '<<', line });
    if (three === '>|') {
      this.pos += 2;
      return { type: 'redirect', fd, op: '>', line };
    }
    const op = ops.find((o) => this.src.startsWith(o, this.pos))!;
    this.pos += op.length;
    return fd === undefined ? { type: 'redirect', op, line } : { type: 'redirect', fd, op, line };
  }

  // ---- words --------------------------------------------------------------------------------

  /** Reads one word; with a terminator (inside ${...}) blanks are part of the word. */
  private readWord(terminator: string | undefined): Word {
    const parts: WordPart[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ kind: 'text', value: text, quoted: false });
      text = '';
    };
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) {
        if (terminator !== undefined) throw new SyntaxFailure({ kind: 'unterminated', quote: terminator, line: this.line });
        break;
      }
      if (c === terminator) break;
      if (terminator === undefined && (c === ' ' || c === '\t' || c === '\n' || OPERATOR_CHARS.includes(c))) break;
      if (c === '\\') {
        const escaped = this.src[this.pos + 1];
        if (escaped === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        flush();
        parts.push({ kind: 'text', value: escaped ?? '\\', quoted: true });
        this.pos += escaped === undefined ? 1 : 2;
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new SyntaxFailure({ kind: 'unterminated', quote: "'", line: this.line });
        flush();
        const value = this.src.slice(this.pos + 1, end);
        this.line += countNewlines(value);
        parts.push({ kind: 'text', value, quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        parts.push(...this.readDoubleQuoted());
      } else if (c === '`') {
        flush();
        parts.push(this.readBackticks(false));
      } else if (c === '$') {
        const expansion = this.readDollar(false);
        if (expansion) {
          flush();
          parts.push(expansion);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        if (c === '\n') this.line++;
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private readDoubleQuoted(): WordPart[] {
    const startLine = this.line;
    const parts: WordPart[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ kind: 'text', value: text, quoted: true });
      text = '';
    };
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new SyntaxFailure({ kind: 'unterminated', quote: '"', line: startLine });
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const escaped = this.src[this.pos + 1];
        if (escaped === '\n') {
          this.line++;
          this.pos += 2;
        } else if (escaped !== undefined && '$`"\\'.includes(escaped)) {
          text += escaped;
          this.pos += 2;
        } else {
          text += '\\';
          this.pos++;
        }
      } else if (c === '$') {
        const expansion = this.readDollar(true);
        if (expansion) {
          flush();
          parts.push(expansion);
        } else {
          text += '$';
          this.pos++;
        }
      } else if (c === '`') {
        flush();
        parts.push(this.readBackticks(true));
      } else {
        if (c === '\n') this.line++;
        text += c;
        this.pos++;
      }
    }
    flush();
    // "" is an (empty) word of its own.
    return parts.length ? parts : [{ kind: 'text', value: '', quoted: true }];
  }

  private readBackticks(quoted: boolean): WordPart {
    let inner = '';
    let i = this.pos + 1;
    for (;;) {
      const c = this.src[i];
      if (c === undefined) throw new SyntaxFailure({ kind: 'unterminated', quote: '`', line: this.line });
      if (c === '`') break;
      if (c === '\\' && '`$\\'.includes(this.src[i + 1] ?? '')) {
        inner += this.src[i + 1];
        i += 2;
      } else {
        inner += c;
        i++;
      }
    }
    this.pos = i + 1;
    const nested = parseScript(inner);
    if (!nested.ok) throw new SyntaxFailure(nested.problem);
    this.line += countNewlines(inner);
    return { kind: 'command', script: nested.script, quoted };
  }

  /** At a '$': the expansion it starts, or undefined when the '$' is literal. */
  private readDollar(quoted: boolean): WordPart | undefined {
    const next = this.src[this.pos + 1];
    if (next === '(' && this.src[this.pos + 2] === '(') return this.readArithmetic(quoted);
    if (next === '(') {
      const nested = new Parser(this.src, this.pos + 2, this.line);
      const script = nested.parseList(new Set([')']));
      const closing = nested.next();
      if (closing.type === 'eof') throw new SyntaxFailure({ kind: 'eof', expecting: ')', line: closing.line });
      if (closing.type !== 'op' || closing.op !== ')') throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(closing), line: closing.line });
      ({ pos: this.pos, line: this.line } = nested.position);
      return { kind: 'command', script, quoted };
    }
    if (next === '{') return this.readBraced(quoted);
    if (next !== undefined && /[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos + 1))![0];
      this.pos += 1 + name.length;
      return { kind: 'param', name, quoted };
    }
    if (next !== undefined && /[0-9?$#@*!-]/.test(next)) {
      this.pos += 2;
      return { kind: 'param', name: next, quoted };
    }
    return undefined;
  }

  private readBraced(quoted: boolean): WordPart {
    const line = this.line;
    this.pos += 2;
    const rest = this.src.slice(this.pos);
    const length = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9?$#])\}/.exec(rest);
    if (length) {
      this.pos += length[0].length;
      return { kind: 'param', name: length[1]!, quoted, modifier: { op: 'length' } };
    }
    const head = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])(:[-+=]|[-+=])?/.exec(rest);
    if (!head) throw new SyntaxFailure({ kind: 'unexpected', token: '${', line });
    this.pos += head[0].length;
    const name = head[1]!;
    const op = head[2] as ':-' | '-' | ':+' | '+' | ':=' | '=' | undefined;
    if (op === undefined) {
      if (this.src[this.pos] !== '}') throw new SyntaxFailure({ kind: 'unterminated', quote: '}', line });
      this.pos++;
      return { kind: 'param', name, quoted };
    }
    const word = this.readWord('}');
    this.pos++;
    return { kind: 'param', name, quoted, modifier: { op, word } };
  }

  private readArithmetic(quoted: boolean): WordPart {
    let depth = 0;
    let i = this.pos + 3;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.src[i + 1] === ')') break;
        depth--;
      }
    }
    if (i >= this.src.length) throw new SyntaxFailure({ kind: 'eof', expecting: '))', line: this.line });
    const expression = this.src.slice(this.pos + 3, i);
    this.pos = i + 2;
    return { kind: 'arithmetic', expression, quoted };
  }

  // ---- grammar ------------------------------------------------------------------------------

  private isWord(token: Token, value: string): boolean {
    return token.type === 'word' && token.raw === value && isPlain(token.parts);
  }

  private skipNewlines(): void {
    while (this.peek().type === 'newline') this.next();
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.type !== 'eof') throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(token), line: token.line });
  }

  /** A list of and-or lists up to (not including) one of `terminators` or the end. */
  parseList(terminators: ReadonlySet<string>): Script {
    const items: AndOr[] = [];
    this.skipNewlines();
    for (;;) {
      const token = this.peek();
      if (token.type === 'eof') break;
      if (token.type === 'word' && isPlain(token.parts) && terminators.has(token.raw)) break;
      if (token.type === 'op' && terminators.has(token.op)) break;
      items.push(this.parseAndOr());
      const after = this.peek();
      if (after.type === 'op' && (after.op === ';' || after.op === '&')) {
        this.next();
        this.skipNewlines();
      } else if (after.type === 'newline') {
        this.skipNewlines();
      } else break;
    }
    return items;
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const token = this.peek();
      if (token.type !== 'op' || (token.op !== '&&' && token.op !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: token.op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    if (this.isWord(this.peek(), '!')) {
      this.next();
      negated = true;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const token = this.peek();
      if (token.type !== 'op' || token.op !== '|') break;
      this.next();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private expectWord(value: string): void {
    const token = this.next();
    if (this.isWord(token, value)) return;
    if (token.type === 'eof') throw new SyntaxFailure({ kind: 'eof', expecting: value, line: token.line });
    throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(token), line: token.line });
  }

  /** A list that must not be empty (the condition or body of a compound command). */
  private parseBody(terminators: ReadonlySet<string>): Script {
    const body = this.parseList(terminators);
    if (body.length === 0) {
      const token = this.peek();
      if (token.type === 'eof') throw new SyntaxFailure({ kind: 'eof', expecting: [...terminators][0]!, line: token.line });
      throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(token), line: token.line });
    }
    return body;
  }

  private parseCommand(): Command {
    const token = this.peek();
    if (token.type === 'word' && isPlain(token.parts)) {
      switch (token.raw) {
        case 'if':
          return this.withRedirects(this.parseIf());
        case 'for':
          return this.withRedirects(this.parseFor());
        case 'while':
        case 'until':
          return this.withRedirects(this.parseLoop(token.raw === 'until'));
        case '{': {
          this.next();
          const body = this.parseBody(new Set(['}']));
          this.expectWord('}');
          return this.withRedirects({ kind: 'group', subshell: false, body, redirects: [] });
        }
      }
      if (RESERVED.has(token.raw)) throw new SyntaxFailure({ kind: 'unexpected', token: token.raw, line: token.line });
    }
    if (token.type === 'op' && token.op === '(') {
      this.next();
      const body = this.parseBody(new Set([')']));
      const closing = this.next();
      if (closing.type === 'eof') throw new SyntaxFailure({ kind: 'eof', expecting: ')', line: closing.line });
      if (closing.type !== 'op' || closing.op !== ')') throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(closing), line: closing.line });
      return this.withRedirects({ kind: 'group', subshell: true, body, redirects: [] });
    }
    return this.parseSimple();
  }

  private withRedirects(command: CompoundCommand): Command {
    while (this.peek().type === 'redirect') command.redirects.push(this.parseRedirect());
    return command;
  }

  private parseRedirect(): Redirect {
    const token = this.next() as Extract<Token, { type: 'redirect' }>;
    const target = this.next();
    if (target.type !== 'word') {
      if (target.type === 'eof') throw new SyntaxFailure({ kind: 'unexpected', token: 'newline', line: target.line });
      throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(target), line: target.line });
    }
    const fd = token.fd ?? (token.op === '<' || token.op === '<&' ? 0 : 1);
    return { fd, op: token.op, target: target.parts };
  }

  private parseSimple(): Command {
    const line = this.peek().line;
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'redirect') {
        redirects.push(this.parseRedirect());
      } else if (token.type === 'word') {
        this.next();
        const assignment = words.length === 0 ? asAssignment(token.parts) : undefined;
        if (assignment) assignments.push(assignment);
        else words.push(token.parts);
      } else break;
    }
    if (!assignments.length && !words.length && !redirects.length) {
      const token = this.peek();
      throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(token), line: token.line });
    }
    return { kind: 'simple', assignments, words, redirects, line };
  }

  private parseIf(): CompoundCommand {
    this.next();
    const clauses: { condition: Script; body: Script }[] = [];
    let otherwise: Script | undefined;
    for (;;) {
      const condition = this.parseBody(new Set(['then']));
      this.expectWord('then');
      const body = this.parseBody(new Set(['elif', 'else', 'fi']));
      clauses.push({ condition, body });
      const token = this.next();
      if (this.isWord(token, 'elif')) continue;
      if (this.isWord(token, 'else')) {
        otherwise = this.parseBody(new Set(['fi']));
        this.expectWord('fi');
      } else if (!this.isWord(token, 'fi')) {
        if (token.type === 'eof') throw new SyntaxFailure({ kind: 'eof', expecting: 'fi', line: token.line });
        throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(token), line: token.line });
      }
      break;
    }
    return otherwise ? { kind: 'if', clauses, otherwise, redirects: [] } : { kind: 'if', clauses, redirects: [] };
  }

  private parseFor(): CompoundCommand {
    this.next();
    const nameToken = this.next();
    if (nameToken.type !== 'word' || !NAME.test(nameToken.raw)) {
      if (nameToken.type === 'eof') throw new SyntaxFailure({ kind: 'eof', expecting: 'do', line: nameToken.line });
      throw new SyntaxFailure({ kind: 'unexpected', token: tokenText(nameToken), line: nameToken.line });
    }
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isWord(this.peek(), 'in')) {
      this.next();
      items = [];
      for (let token = this.peek(); token.type === 'word'; token = this.peek()) items.push((this.next() as { parts: Word }).parts);
    }
    const separator = this.peek();
    if (separator.type === 'op' && separator.op === ';') this.next();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseBody(new Set(['done']));
    this.expectWord('done');
    return items ? { kind: 'for', name: nameToken.raw, items, body, redirects: [] } : { kind: 'for', name: nameToken.raw, body, redirects: [] };
  }

  private parseLoop(until: boolean): CompoundCommand {
    this.next();
    const condition = this.parseBody(new Set(['do']));
    this.expectWord('do');
    const body = this.parseBody(new Set(['done']));
    this.expectWord('done');
    return { kind: 'loop', until, condition, body, redirects: [] };
  }
}

function isPlain(parts: Word): boolean {
  return parts.every((p) => p.kind === 'text' && !p.quoted);
}

function asAssignment(parts: Word): Assignment | undefined {
  const first = parts[0];
  if (!first || first.kind !== 'text' || first.quoted) return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value);
  if (!match) return undefined;
  const remainder = first.value.slice(match[0].length);
  const value: Word = remainder ? [{ kind: 'text', value: remainder, quoted: false }, ...parts.slice(1)] : parts.slice(1);
  return { name: match[1]!, value };
}

function tokenText(token: Token): string {
  switch (token.type) {
    case 'word':
      return token.raw;
    case 'op':
    case 'redirect':
      return token.op;
    case 'newline':
      return 'newline';
    case 'eof':
      return 'end of file';
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return n;
}

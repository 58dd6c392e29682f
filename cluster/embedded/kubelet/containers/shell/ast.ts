// The syntax tree of the small POSIX shell subset the simulated containers understand.

export type WordPart =
  /** Literal text; `quoted` when it came from quotes or a backslash (no splitting, no globbing). */
  | { kind: 'text'; value: string; quoted: boolean }
  | { kind: 'param'; name: string; quoted: boolean; modifier?: ParamModifier }
  | { kind: 'command'; script: Script; quoted: boolean }
  | { kind: 'arithmetic'; expression: string; quoted: boolean };

/** ${name:-word} and friends; `length` is ${#name}. */
export type ParamModifier =
  | { op: ':-' | '-' | ':+' | '+' | ':=' | '='; word: Word }
  | { op: 'length' };

export type Word = WordPart[];

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>';

export interface Redirect {
  fd: number;
  op: RedirectOp;
  target: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export type Command =
  | { kind: 'simple'; assignments: Assignment[]; words: Word[]; redirects: Redirect[]; line: number }
  | { kind: 'group'; subshell: boolean; body: Script; redirects: Redirect[] }
  | { kind: 'if'; clauses: { condition: Script; body: Script }[]; otherwise?: Script; redirects: Redirect[] }
  | { kind: 'for'; name: string; items?: Word[]; body: Script; redirects: Redirect[] }
  | { kind: 'loop'; until: boolean; condition: Script; body: Script; redirects: Redirect[] };

export type CompoundCommand = Exclude<Command, { kind: 'simple' }>;

export interface Pipeline {
  negated: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export type Script = AndOr[];

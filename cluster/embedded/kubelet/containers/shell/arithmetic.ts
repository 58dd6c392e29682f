// $((...)): integer arithmetic with + - * / % ( ), unary minus, comparisons and variables.
// Anything else evaluates to undefined, which the shell reports as an arithmetic error.

import { own } from '../own.js';

export function evaluateArithmetic(expression: string, lookup: (name: string) => string): number | undefined {
  const tokens = expression.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const fail = (): never => {
    throw new Error('arithmetic');
  };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) return fail();
    if (t === '(') {
      const v = or();
      if (tokens[i++] !== ')') fail();
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      const value = lookup(t).trim();
      return value === '' ? 0 : /^-?\d+$/.test(value) ? Number(value) : fail();
    }
    return fail();
  };
  const binary = (next: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
    let v = next();
    for (let op = own(ops, peek() ?? ''); op; op = own(ops, peek() ?? '')) {
      i++;
      v = op(v, next());
    }
    return v;
  };
  const product = binary(primary, {
    '*': (a, b) => a * b,
    '/': (a, b) => (b === 0 ? fail() : Math.trunc(a / b)),
    '%': (a, b) => (b === 0 ? fail() : a % b),
  });
  const sum = binary(product, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const compare = binary(sum, {
    '<': (a, b) => Number(a < b),
    '>': (a, b) => Number(a > b),
    '<=': (a, b) => Number(a <= b),
    '>=': (a, b) => Number(a >= b),
    '==': (a, b) => Number(a === b),
    '!=': (a, b) => Number(a !== b),
  });
  const and = binary(compare, { '&&': (a, b) => Number(Boolean(a && b)) });
  const or = binary(and, { '||': (a, b) => Number(Boolean(a || b)) });
  try {
    const value = or();
    return i === tokens.length && Number.isSafeInteger(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

import { describe, expect, it } from 'vitest';
import { goQuote, goQuoteList } from './go-quote.js';

describe('goQuote (Go %q)', () => {
  it('wraps plain text in double quotes', () => {
    expect(goQuote('system:serviceaccount:dev:sa1')).toBe('"system:serviceaccount:dev:sa1"');
    expect(goQuote('')).toBe('""');
  });

  it('escapes quotes, backslashes and control characters as Go does', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('line\nnext\ttab')).toBe('"line\\nnext\\ttab"');
    expect(goQuote('\x01\x7f')).toBe('"\\x01\\x7f"');
  });

  it('keeps printable Unicode and escapes the invisible', () => {
    expect(goQuote('café ☃ 🎉')).toBe('"café ☃ 🎉"');
    expect(goQuote('zero\u200bwidth')).toBe('"zero\\u200bwidth"');
    expect(goQuote('\u{10ffff}')).toBe('"\\U0010ffff"');
  });
});

describe('goQuoteList (Go %q of a []string)', () => {
  it('separates items with spaces, and prints an empty list as []', () => {
    expect(goQuoteList(['get', 'list'])).toBe('["get" "list"]');
    expect(goQuoteList([''])).toBe('[""]');
    expect(goQuoteList([])).toBe('[]');
  });
});

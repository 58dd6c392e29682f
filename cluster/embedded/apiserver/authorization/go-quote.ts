// Go's `%q` verb (strconv.Quote), which kube-apiserver uses in every message this folder
// reproduces: reason strings, 403 texts, escalation errors. Matching it byte for byte matters
// because learners compare our output with real clusters.

// Printable ASCII without `"` and `\`: nothing to escape (the common case, kept cheap).
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

const NAMED_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
  0x22: '\\"',
  0x5c: '\\\\',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(char: string): string {
  const code = char.codePointAt(0)!;
  const named = NAMED_ESCAPES[code];
  if (named !== undefined) return named;
  if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
  // A lone surrogate cannot come from Go's JSON decoder, which turns it into U+FFFD.
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  if (PRINTABLE.test(char)) return char;
  return code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
}

/** `fmt.Sprintf("%q", s)` for a string. */
export function goQuote(s: string): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (const char of s) out += escapeRune(char);
  return out + '"';
}

/** `fmt.Sprintf("%q", list)` for a []string: `["a" "b"]`, and `[]` when empty. */
export function goQuoteList(list: readonly string[]): string {
  return `[${list.map(goQuote).join(' ')}]`;
}

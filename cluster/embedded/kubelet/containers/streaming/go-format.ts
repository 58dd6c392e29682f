// The few Go formatting verbs whose output reaches clients through kubelet and containerd error
// messages. Written out so every message built from them reads exactly as the Go side prints it.

/** encoding/json.Marshal: like JSON.stringify, but HTML-safe (<, >, & and U+2028/9 escaped). */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** fmt's %v of a []string: elements unquoted, space-separated, in brackets. */
export function goStringSlice(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

/** fmt's %q of a string (JSON quoting matches Go's for the printable text we pass). */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** fmt's %#v of an http.Header: keys sorted, each value list as a []string literal. */
export function goHeaderLiteral(header: ReadonlyMap<string, readonly string[]>): string {
  const entries = [...header.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = entries.map(([key, values]) => `${goQuote(key)}:[]string{${values.map(goQuote).join(', ')}}`).join(', ');
  return `http.Header{${body}}`;
}

/** textproto.CanonicalMIMEHeaderKey: "x-stream-protocol-version" -> "X-Stream-Protocol-Version". */
export function canonicalHeaderKey(name: string): string {
  return name
    .split('-')
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part))
    .join('-');
}

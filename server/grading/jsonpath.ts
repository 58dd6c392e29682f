// The part of kubectl's JSONPath that resource checks use, so the grader can show
// `kubectl get KIND NAME -o jsonpath='{...}'` and print exactly what that command prints:
//   {.a.b}  {.a['key.with.dots']}  {.items[0]}  {.items[*].name}  {.items[?(@.kind=="User")].name}
// Missing fields print nothing (kubectl's --allow-missing-template-keys defaults to true);
// several results are joined with spaces; maps and lists print as JSON with sorted keys (Go).

export type JsonPathSegment =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; path: string[]; op: '==' | '!='; value: string | number | boolean };

export type JsonPathParse = { ok: true; segments: JsonPathSegment[] } | { ok: false; message: string };

const IDENT = /^[A-Za-z0-9_-]+/;

export function parseJsonPath(template: string): JsonPathParse {
  const m = /^\{(.*)\}$/.exec(template.trim());
  if (!m) return { ok: false, message: 'a JSONPath is written in braces, e.g. {.roleRef.name}' };
  let rest = m[1]!.trim();
  if (!rest.startsWith('.') && !rest.startsWith('[')) return { ok: false, message: `"${template}" must start with "." or "[" inside the braces` };
  const segments: JsonPathSegment[] = [];
  while (rest.length > 0) {
    if (rest.startsWith('..')) return { ok: false, message: 'recursive descent ("..") is not supported: write the full path' };
    if (rest.startsWith('.')) {
      const ident = IDENT.exec(rest.slice(1));
      if (!ident) return { ok: false, message: `expected a field name after "." in "${template}"` };
      segments.push({ kind: 'field', name: ident[0] });
      rest = rest.slice(1 + ident[0].length);
      continue;
    }
    const bracket = /^\[([^\]]*(?:\([^)]*\))?[^\]]*)\]/.exec(rest);
    if (!bracket) return { ok: false, message: `unsupported JSONPath syntax at "${rest}" in "${template}"` };
    const inner = bracket[1]!.trim();
    const parsed = parseBracket(inner);
    if (!parsed) return { ok: false, message: `unsupported bracket expression "[${inner}]": use [N], [*], ['key'] or [?(@.field=="value")]` };
    segments.push(parsed);
    rest = rest.slice(bracket[0].length);
  }
  return { ok: true, segments };
}

function parseBracket(inner: string): JsonPathSegment | undefined {
  if (inner === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
  if (quoted) return { kind: 'field', name: quoted[1] ?? quoted[2] ?? '' };
  const filter = /^\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*(.+)\)$/.exec(inner);
  if (!filter) return undefined;
  const literal = filter[3]!.trim();
  let value: string | number | boolean;
  const str = /^"([^"]*)"$|^'([^']*)'$/.exec(literal);
  if (str) value = str[1] ?? str[2] ?? '';
  else if (literal === 'true' || literal === 'false') value = literal === 'true';
  else if (/^-?\d+(\.\d+)?$/.test(literal)) value = Number(literal);
  else return undefined;
  return { kind: 'filter', path: filter[1]!.slice(1).split('.'), op: filter[2] as '==' | '!=', value };
}

/** Every value the path selects. */
export function evaluateJsonPath(segments: readonly JsonPathSegment[], root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (seg.kind === 'field') {
        if (isRecord(value) && seg.name in value) next.push(value[seg.name]);
      } else if (seg.kind === 'index') {
        if (Array.isArray(value)) {
          const item = value.at(seg.index);
          if (item !== undefined) next.push(item);
        }
      } else if (seg.kind === 'wildcard') {
        if (Array.isArray(value)) next.push(...value);
        else if (isRecord(value)) next.push(...Object.keys(value).sort().map((k) => value[k]));
      } else if (Array.isArray(value)) {
        for (const item of value) {
          const field = seg.path.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), item);
          if (field !== undefined && (field === seg.value) === (seg.op === '==')) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

/** What `kubectl get ... -o jsonpath=TEMPLATE` prints for these results. */
export function formatJsonPathResults(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : v === null ? '<nil>' : typeof v === 'object' ? goJson(v) : String(v))).join(' ');
}

function goJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Label and field selectors for list, watch and deletecollection, parsed as apimachinery's
// labels.Parse / fields.ParseSelector accept them. Bad syntax is a 400 with the upstream wording.

import type { KubeObject } from '../types.js';
import { badRequest } from '../status.js';

type LabelRequirement =
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!'; key: string };

export type Matcher = (obj: KubeObject) => boolean;

export function parseLabelSelector(selector: string | null): Matcher {
  if (!selector || !selector.trim()) return () => true;
  const requirements = splitTopLevel(selector).map(parseLabelRequirement);
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return requirements.every((r) => {
      const has = Object.hasOwn(labels, r.key);
      switch (r.op) {
        case 'exists':
          return has;
        case '!':
          return !has;
        case 'in':
          return has && r.values.includes(labels[r.key]!);
        case 'notin':
          return !has || !r.values.includes(labels[r.key]!);
      }
    });
  };
}

function parseLabelRequirement(raw: string): LabelRequirement {
  const s = raw.trim();
  let m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(s);
  if (m) {
    const [, key, op, value] = m as unknown as [string, string, string, string];
    return { op: op === '!=' ? 'notin' : 'in', key, values: [value] };
  }
  m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(s);
  if (m) {
    const [, key, op, list] = m as unknown as [string, string, 'in' | 'notin', string];
    return { op, key, values: list.split(',').map((v) => v.trim()).filter((v) => v !== '') };
  }
  m = /^!\s*([^\s!=(),]+)$/.exec(s);
  if (m) return { op: '!', key: m[1]! };
  m = /^([^\s!=(),]+)$/.exec(s);
  if (m) return { op: 'exists', key: m[1]! };
  throw badRequest(`unable to parse requirement: ${JSON.stringify(s)}`);
}

/** Which field paths a resource's field selector may use, besides metadata.name/namespace. */
export type FieldGetter = (obj: KubeObject) => string | undefined;

const COMMON_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

export function parseFieldSelector(
  selector: string | null,
  extraFields: Record<string, FieldGetter> = {},
): Matcher {
  if (!selector || !selector.trim()) return () => true;
  const terms = splitTopLevel(selector).map((raw) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(raw.trim());
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${raw.trim()}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    const getter = COMMON_FIELDS[field] ?? extraFields[field];
    if (!getter) throw badRequest(`field label not supported: ${field}`);
    return { getter, negate: op === '!=', value };
  });
  return (obj) => terms.every((t) => (t.getter(obj) === t.value) !== t.negate);
}

/** Splits on commas that are not inside parentheses (`a in (x,y),b`). */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.filter((p) => p.trim() !== '');
}

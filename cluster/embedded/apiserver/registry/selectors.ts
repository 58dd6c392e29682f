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

/** Reads one field of an object as a field selector compares it. */
export type FieldGetter = (obj: KubeObject) => string | undefined;

/**
 * The field selectors of a kind: the labels its field-label conversion accepts, and that
 * conversion's error for any other label (the scheme's, reported as a 400).
 */
export interface FieldSelectorSpec {
  fields: Readonly<Record<string, FieldGetter>>;
  unsupported(label: string): string;
}

const metadataName: FieldGetter = (o) => o.metadata.name;
const metadataNamespace: FieldGetter = (o) => o.metadata.namespace ?? '';

/** Kinds without a conversion func of their own: DefaultMetaV1FieldSelectorConversion. */
export const DEFAULT_FIELD_SELECTORS: FieldSelectorSpec = {
  fields: { 'metadata.name': metadataName, 'metadata.namespace': metadataNamespace },
  unsupported: (label) => `${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

/**
 * A kind with its own conversion func (Pod, Node, Namespace, Secret, Event...): exactly these
 * labels, metadata ones included only where it lists them; anything else is "not supported".
 */
export function registeredFieldSelectors(fields: Record<string, FieldGetter>): FieldSelectorSpec {
  return { fields, unsupported: (label) => `field label not supported: ${label}` };
}

export function metadataFieldGetters(...labels: ('metadata.name' | 'metadata.namespace')[]): Record<string, FieldGetter> {
  return Object.fromEntries(labels.map((l) => [l, l === 'metadata.name' ? metadataName : metadataNamespace]));
}

export function parseFieldSelector(selector: string | null, spec: FieldSelectorSpec = DEFAULT_FIELD_SELECTORS): Matcher {
  if (!selector || !selector.trim()) return () => true;
  const terms = splitTopLevel(selector).map((raw) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(raw.trim());
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${raw.trim()}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    const getter = Object.prototype.hasOwnProperty.call(spec.fields, field) ? spec.fields[field] : undefined;
    if (!getter) throw badRequest(spec.unsupported(field));
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

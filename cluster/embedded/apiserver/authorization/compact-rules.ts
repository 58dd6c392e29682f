// How the escalation error lists the permissions a user is missing:
// CompactRules (pkg/registry/rbac/validation/policy_compact.go) merges atoms that differ only by
// verb, and CompactString (pkg/apis/rbac/v1/evaluation_helpers.go) prints each rule.

import type { PolicyRule } from '../types.js';
import { goQuoteList } from './go-quote.js';

/** One group, one resource, at most one name, nothing else: the atoms Covers reports as missing. */
function simpleResourceKey(rule: PolicyRule): string | undefined {
  const names = rule.resourceNames ?? [];
  if (names.length > 1 || (rule.nonResourceURLs?.length ?? 0) > 0) return undefined;
  if (rule.apiGroups?.length !== 1 || rule.resources?.length !== 1) return undefined;
  // JSON of a tuple cannot collide the way a joined string could.
  return JSON.stringify([rule.apiGroups[0], rule.resources[0], names.length > 0, names[0] ?? '']);
}

/** CompactRules: simple rules for the same group/resource/name become one rule with their verbs appended. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const key = simpleResourceKey(rule);
    if (key === undefined) {
      compacted.push(rule);
      continue;
    }
    const existing = simple.get(key);
    if (existing) {
      existing.verbs = [...existing.verbs, ...(rule.verbs ?? [])]; // upstream appends without deduplicating
    } else {
      simple.set(key, { ...rule, verbs: [...(rule.verbs ?? [])] });
    }
  }
  return [...compacted, ...simple.values()];
}

/** CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}`, empty parts left out. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  const add = (label: string, list: string[] | undefined) => {
    if (list && list.length > 0) parts.push(`${label}:${goQuoteList(list)}`);
  };
  add('APIGroups', rule.apiGroups);
  add('Resources', rule.resources);
  add('NonResourceURLs', rule.nonResourceURLs);
  add('ResourceNames', rule.resourceNames);
  add('Verbs', rule.verbs);
  return `{${parts.join(', ')}}`;
}

/** Compact, print, deduplicate and sort: the lines of "attempting to grant RBAC permissions not currently held". */
export function describeMissingRules(missing: readonly PolicyRule[]): string[] {
  const lines = new Set(compactRules(missing).map(compactString));
  // sets.String.List() sorts by bytes; UTF-16 order agrees except for characters beyond U+FFFF.
  return [...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

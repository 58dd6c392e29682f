// How the printers render labels and selectors: labels.FormatLabels,
// metav1.LabelSelectorAsSelector(...).String() and metav1.FormatLabelSelector.

import type { LabelSelector } from '../types.js';

/** labels.FormatLabels: "k1=v1,k2=v2" sorted by key, or "<none>". */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

const OPERATORS: Record<string, (key: string, values: string[]) => string> = {
  In: (key, values) => `${key} in (${joinValues(values)})`,
  NotIn: (key, values) => `${key} notin (${joinValues(values)})`,
  Exists: (key) => key,
  DoesNotExist: (key) => `!${key}`,
};

function joinValues(values: string[]): string {
  return [...values].sort().join(',');
}

/**
 * LabelSelectorAsSelector(selector).String(): requirements sorted by key; a nil or empty
 * selector prints as "". Undefined when an operator is unknown (upstream returns an error).
 */
export function labelSelectorString(selector: LabelSelector | null | undefined): string | undefined {
  if (!selector) return '';
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, text: `${key}=${value}` });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const render = OPERATORS[expr.operator];
    if (!render) return undefined;
    requirements.push({ key: expr.key, text: render(expr.key, expr.values ?? []) });
  }
  return requirements
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: like labelSelectorString, but "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return '<error>';
  return text === '' ? '<none>' : text;
}

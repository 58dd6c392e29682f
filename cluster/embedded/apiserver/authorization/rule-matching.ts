// Does one PolicyRule allow one request? pkg/apis/rbac/v1/evaluation_helpers.go and RuleAllows in
// plugin/pkg/auth/authorizer/rbac/rbac.go. Everything is an exact, case-sensitive comparison;
// the only wildcards are "*" and, for resources, "*/<subresource>" (there is no "<resource>/*").

import type { Attributes, PolicyRule } from '../types.js';

const ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const ruleVerb of rule.verbs ?? []) {
    if (ruleVerb === ALL || ruleVerb === verb) return true;
  }
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const ruleGroup of rule.apiGroups ?? []) {
    if (ruleGroup === ALL || ruleGroup === group) return true;
  }
  return false;
}

/**
 * `combined` is "resource" or "resource/subresource". "*" covers every resource and subresource;
 * "*\/scale" covers any resource's scale subresource; anything else must equal `combined`.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const ruleResource of rule.resources ?? []) {
    if (ruleResource === ALL || ruleResource === combined) return true;
    if (
      subresource.length > 0 &&
      ruleResource.length === subresource.length + 2 &&
      ruleResource.startsWith('*/') &&
      ruleResource.endsWith(subresource)
    ) {
      return true;
    }
  }
  return false;
}

/** No resourceNames means any name; otherwise the request's name (often "" for list/create) must be listed. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** "*" matches any path; "/apis/*" is a plain string prefix ("/apis/"), so it does not match "/apis". */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const ruleURL of rule.nonResourceURLs ?? []) {
    if (ruleURL === ALL || ruleURL === path) return true;
    if (ruleURL.endsWith('*') && path.startsWith(trimTrailingStars(ruleURL))) return true;
  }
  return false;
}

/** strings.TrimRight(s, "*"). */
export function trimTrailingStars(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 42 /* '*' */) end--;
  return s.slice(0, end);
}

/** The part of a rule that failed to match, in the order RuleAllows checks them. */
export type RuleMismatch = 'verb' | 'apiGroup' | 'resource' | 'resourceName' | 'nonResourceURL';

/** "resource" or "resource/subresource", as RuleAllows compares it. */
export function combinedResource(attrs: Attributes): string {
  const resource = attrs.resource ?? '';
  return attrs.subresource ? `${resource}/${attrs.subresource}` : resource;
}

/**
 * Why `rule` does not allow the request, or undefined when it does. `combined` is
 * combinedResource(attrs), passed in so a caller testing many rules builds it once.
 */
export function ruleMismatch(attrs: Attributes, rule: PolicyRule, combined: string): RuleMismatch | undefined {
  if (!verbMatches(rule, attrs.verb)) return 'verb';
  if (!attrs.resourceRequest) return nonResourceURLMatches(rule, attrs.path ?? '') ? undefined : 'nonResourceURL';
  if (!apiGroupMatches(rule, attrs.apiGroup ?? '')) return 'apiGroup';
  if (!resourceMatches(rule, combined, attrs.subresource ?? '')) return 'resource';
  if (!resourceNameMatches(rule, attrs.name ?? '')) return 'resourceName';
  return undefined;
}

export function ruleAllows(attrs: Attributes, rule: PolicyRule, combined = combinedResource(attrs)): boolean {
  return ruleMismatch(attrs, rule, combined) === undefined;
}

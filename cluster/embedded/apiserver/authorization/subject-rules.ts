// authorizer.RuleResolver: what SelfSubjectRulesReview (`kubectl auth can-i --list`) asks of the
// authorizer chain. Rules are reported as stored, never merged or deduplicated.

import type { PolicyRule, UserInfo } from '../types.js';
import { aggregateMessage } from './aggregate-error.js';

/** authorization/v1 ResourceRule; empty optional lists are omitted, as in the JSON upstream sends. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/** authorization/v1 NonResourceRule. */
export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface SubjectRules {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  /** True when some authorizer cannot enumerate what the user may do (e.g. the Node authorizer). */
  incomplete: boolean;
  /** Leaf error messages; SelfSubjectRulesReview reports their aggregate as evaluationError. */
  errors: string[];
}

export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): SubjectRules;
}

/** SubjectRulesReviewStatus as the API returns it. */
export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

export function subjectRulesReviewStatus(rules: SubjectRules): SubjectRulesReviewStatus {
  const status: SubjectRulesReviewStatus = {
    resourceRules: rules.resourceRules,
    nonResourceRules: rules.nonResourceRules,
    incomplete: rules.incomplete,
  };
  if (rules.errors.length > 0) status.evaluationError = aggregateMessage(rules.errors);
  return status;
}

function nonEmpty(list: string[] | undefined): list is string[] {
  return list !== undefined && list.length > 0;
}

/**
 * RBACAuthorizer.RulesFor: a rule with resources becomes a ResourceRule, one with nonResourceURLs a
 * NonResourceRule (a rule with both becomes both; one with neither is dropped).
 */
export function splitPolicyRules(rules: readonly PolicyRule[]): Pick<SubjectRules, 'resourceRules' | 'nonResourceRules'> {
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  for (const rule of rules) {
    if (nonEmpty(rule.resources)) {
      // Field order as Go serializes ResourceRule.
      const r: ResourceRule = { verbs: rule.verbs ?? [] };
      if (nonEmpty(rule.apiGroups)) r.apiGroups = rule.apiGroups;
      r.resources = rule.resources;
      if (nonEmpty(rule.resourceNames)) r.resourceNames = rule.resourceNames;
      resourceRules.push(r);
    }
    if (nonEmpty(rule.nonResourceURLs)) {
      nonResourceRules.push({ verbs: rule.verbs ?? [], nonResourceURLs: rule.nonResourceURLs });
    }
  }
  return { resourceRules, nonResourceRules };
}

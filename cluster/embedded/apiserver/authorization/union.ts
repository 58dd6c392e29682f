// k8s.io/apiserver/pkg/authorization/union (as released through v1.36): the first Allow or Deny
// wins with that authorizer's own reason; if every authorizer has no opinion, their non-empty
// reasons are joined with "\n". Since Node and the privileged-groups check give "" for ordinary
// users, a denied learner's reason is RBAC's reason alone.

import type { Attributes, AuthorizationResult, Authorizer, UserInfo } from '../types.js';
import { aggregateMessage } from './aggregate-error.js';
import type { RuleResolver, SubjectRules } from './subject-rules.js';

export interface NamedAuthorizer {
  /** For the decision trail only (e.g. "Node", "RBAC"); it never appears in reasons. */
  name: string;
  authorizer: Authorizer;
}

/** One authorizer's answer, in chain order. */
export interface ChainStep {
  name: string;
  result: AuthorizationResult;
}

export class UnionAuthorizer implements Authorizer {
  constructor(private readonly chain: readonly NamedAuthorizer[]) {}

  authorize(attrs: Attributes): AuthorizationResult {
    return this.evaluate(attrs);
  }

  /** authorize(), plus every authorizer's answer up to the one that decided. */
  explain(attrs: Attributes): { result: AuthorizationResult; steps: ChainStep[] } {
    const steps: ChainStep[] = [];
    return { result: this.evaluate(attrs, steps), steps };
  }

  private evaluate(attrs: Attributes, steps?: ChainStep[]): AuthorizationResult {
    let reasons: string[] | undefined;
    let errors: string[] | undefined;
    for (const { name, authorizer } of this.chain) {
      const result = authorizer.authorize(attrs);
      steps?.push({ name, result });
      if (result.decision !== 'noOpinion') return result;
      if (result.reason) (reasons ??= []).push(result.reason);
      if (result.evaluationError) (errors ??= []).push(result.evaluationError);
    }
    const result: AuthorizationResult = { decision: 'noOpinion', reason: reasons ? reasons.join('\n') : '' };
    if (errors) result.evaluationError = aggregateMessage(errors);
    return result;
  }
}

/** union.NewRuleResolvers: rules are concatenated, "incomplete" if any resolver says so. */
export class UnionRuleResolver implements RuleResolver {
  constructor(private readonly resolvers: readonly RuleResolver[]) {}

  rulesFor(user: UserInfo, namespace: string): SubjectRules {
    const union: SubjectRules = { resourceRules: [], nonResourceRules: [], incomplete: false, errors: [] };
    for (const resolver of this.resolvers) {
      const rules = resolver.rulesFor(user, namespace);
      union.resourceRules.push(...rules.resourceRules);
      union.nonResourceRules.push(...rules.nonResourceRules);
      union.incomplete ||= rules.incomplete;
      union.errors.push(...rules.errors);
    }
    return union;
  }
}

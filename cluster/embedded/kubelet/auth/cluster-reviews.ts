// The two webhook calls a kubelet makes, answered by the embedded API server in-process:
// TokenReview (through the API server's own TokenReview handler, so the kubelet sees exactly
// what `kubectl create -f tokenreview.yaml` would) and SubjectAccessReview (the API server's
// authorizer chain, with its RBAC decision trail kept for the decision log).

import type { KubeApiserverAuthorizer } from '../../apiserver/authorization/authorizer-chain.js';
import type { BindingConsidered } from '../../apiserver/authorization/rbac-authorizer.js';
import { tokenReview } from '../../apiserver/registry/reviews.js';
import type { ServiceAccountTokens } from '../../apiserver/serviceaccount/tokens.js';
import type { Attributes, PolicyRule, UserInfo } from '../../apiserver/types.js';
import type { ReviewExplanation, SubjectAccessReviewer } from './authorizer.js';
import type { TokenReviewer } from './authenticator.js';

export function clusterTokenReviewer(authorizer: KubeApiserverAuthorizer, tokens: ServiceAccountTokens): TokenReviewer {
  return async (token) => {
    const review = await tokenReview({ spec: { token } }, { authorizer, rules: authorizer, tokens });
    const status = review.status as { authenticated?: boolean; user?: UserInfo; error?: string };
    if (status.authenticated && status.user) return { authenticated: true, user: status.user };
    return { authenticated: false, error: status.error ?? '' };
  };
}

export function clusterAccessReviewer(authorizer: KubeApiserverAuthorizer): SubjectAccessReviewer {
  return (attrs) => {
    const explained = authorizer.explain(attrs);
    const decided = explained.steps.find((step) => step.result.decision !== 'noOpinion');
    const explanation: ReviewExplanation = { notAllowedBy: [] };
    if (decided) explanation.decidedBy = decided.name;
    const allowed = explained.rbac?.allowedBy;
    if (allowed) {
      explanation.allowedBy = { ...bindingName(allowed.binding), ruleIndex: allowed.rule.index };
    }
    for (const binding of explained.rbac?.bindings ?? []) {
      if (binding.outcome !== 'no-rule-matched' && binding.outcome !== 'role-not-resolved') continue;
      // Only rules that could ever apply to this resource: everyone's discovery roles are noise here.
      const relevant = (binding.rules ?? []).filter((r) => concerns(r.rule, attrs.resource ?? ''));
      if (relevant.length === 0 && !binding.error) continue;
      const entry: ReviewExplanation['notAllowedBy'][number] = {
        ...bindingName(binding),
        mismatches: relevant.map((r) => `rule ${r.index} ${describeRule(r.rule)}: ${r.mismatch} does not match ${wanted(attrs, r.mismatch)}`),
      };
      if (binding.error) entry.error = binding.error;
      explanation.notAllowedBy.push(entry);
    }
    return { result: explained.result, explanation };
  };
}

function bindingName(binding: BindingConsidered): { bindingKind: string; binding: string; namespace?: string; role: string } {
  return {
    bindingKind: binding.kind,
    binding: binding.name,
    ...(binding.namespace !== undefined ? { namespace: binding.namespace } : {}),
    role: `${binding.roleRef.kind}/${binding.roleRef.name}`,
  };
}

/** A resource rule that names this resource, any of its subresources, or everything. */
function concerns(rule: PolicyRule, resource: string): boolean {
  return (rule.resources ?? []).some((r) => r === '*' || r === resource || r.startsWith(`${resource}/`) || r.startsWith('*/'));
}

function describeRule(rule: PolicyRule): string {
  const parts = [`verbs=[${rule.verbs.join(',')}]`];
  if (rule.resources) parts.push(`resources=[${rule.resources.join(',')}]`);
  if (rule.resourceNames) parts.push(`resourceNames=[${rule.resourceNames.join(',')}]`);
  if (rule.nonResourceURLs) parts.push(`nonResourceURLs=[${rule.nonResourceURLs.join(',')}]`);
  return `{${parts.join(' ')}}`;
}

/** What the request asked for, in the terms of the part of the rule that did not match. */
function wanted(attrs: Attributes, mismatch: string | undefined): string {
  switch (mismatch) {
    case 'verb':
      return `"${attrs.verb}"`;
    case 'apiGroup':
      return `"${attrs.apiGroup ?? ''}"`;
    case 'resource':
      return `"${attrs.resource ?? ''}${attrs.subresource ? `/${attrs.subresource}` : ''}"`;
    case 'resourceName':
      return `"${attrs.name ?? ''}"`;
    default:
      return `"${attrs.path ?? ''}"`;
  }
}

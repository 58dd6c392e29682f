// authorizerfactory.NewPrivilegedGroups: kube-apiserver puts it first in its chain so members of
// system:masters are allowed everything, with an empty reason, before Node or RBAC are asked.
// It is not a rule resolver: SelfSubjectRulesReview only lists such a user's RBAC rules.

import type { Attributes, AuthorizationResult, Authorizer } from '../types.js';

export const SYSTEM_MASTERS = 'system:masters';

/** user.SystemPrivilegedGroup membership: what also lets the RBAC registry skip escalation checks. */
export function isPrivileged(groups: readonly string[]): boolean {
  return groups.includes(SYSTEM_MASTERS);
}

export class PrivilegedGroupsAuthorizer implements Authorizer {
  constructor(private readonly groups: readonly string[] = [SYSTEM_MASTERS]) {}

  authorize(attrs: Attributes): AuthorizationResult {
    for (const group of attrs.user.groups) {
      if (this.groups.includes(group)) return { decision: 'allow', reason: '' };
    }
    return { decision: 'noOpinion', reason: '' };
  }
}

// kube-apiserver's authorizer as kubeadm configures it (--authorization-mode=Node,RBAC):
// the system:masters check first (pkg/kubeapiserver/authorizer: always prepended), then Node, then
// RBAC, in a union. Its rule resolver (SelfSubjectRulesReview) is Node + RBAC only.

import type { Attributes, AuthorizationResult, Authorizer, RbacSource, UserInfo } from '../types.js';
import { NodeAuthorizer, type NodeAuthorizerOptions } from './node-authorizer.js';
import { PrivilegedGroupsAuthorizer } from './privileged-groups.js';
import { RBACAuthorizer, type RbacDecisionTrail } from './rbac-authorizer.js';
import type { RuleResolver, SubjectRules } from './subject-rules.js';
import { UnionAuthorizer, UnionRuleResolver, type ChainStep } from './union.js';

export const RBAC_STEP = 'RBAC';

export interface AuthorizationExplanation {
  /** Exactly what authorize() returns. */
  result: AuthorizationResult;
  /** Each authorizer's answer, in chain order, up to the one that decided. */
  steps: ChainStep[];
  /** RBAC's own trail, when the chain got as far as RBAC. */
  rbac?: RbacDecisionTrail;
}

export class KubeApiserverAuthorizer implements Authorizer, RuleResolver {
  private readonly rbac: RBACAuthorizer;
  private readonly union: UnionAuthorizer;
  private readonly resolver: UnionRuleResolver;

  constructor(source: RbacSource, options: NodeAuthorizerOptions) {
    const node = new NodeAuthorizer(options);
    this.rbac = new RBACAuthorizer(source);
    this.union = new UnionAuthorizer([
      { name: 'SystemPrivilegedGroup', authorizer: new PrivilegedGroupsAuthorizer() },
      { name: 'Node', authorizer: node },
      { name: RBAC_STEP, authorizer: this.rbac },
    ]);
    this.resolver = new UnionRuleResolver([node, this.rbac]);
  }

  authorize(attrs: Attributes): AuthorizationResult {
    return this.union.authorize(attrs);
  }

  rulesFor(user: UserInfo, namespace: string): SubjectRules {
    return this.resolver.rulesFor(user, namespace);
  }

  /** Why the chain decided as it did: for the lab's "why was I denied?" view, not the request path. */
  explain(attrs: Attributes): AuthorizationExplanation {
    const { result, steps } = this.union.explain(attrs);
    const explanation: AuthorizationExplanation = { result, steps };
    if (steps.some((step) => step.name === RBAC_STEP)) explanation.rbac = this.rbac.explain(attrs);
    return explanation;
  }
}

// The RBAC authorizer: plugin/pkg/auth/authorizer/rbac/rbac.go. It never denies: a request no rule
// allows gets NoOpinion, with reason "" unless some binding's role could not be resolved.
// `explain` walks exactly the same path and keeps the decision trail the lab shows learners.

import type {
  Attributes,
  AuthorizationResult,
  Authorizer,
  PolicyRule,
  RbacSource,
  RoleBinding,
  RoleRef,
  Subject,
  UserInfo,
} from '../types.js';
import { aggregateMessage } from './aggregate-error.js';
import { listerErrorMessage } from './role-errors.js';
import { combinedResource, ruleAllows, ruleMismatch, type RuleMismatch } from './rule-matching.js';
import {
  collectRules,
  describeRuleSource,
  visitAppliedBindings,
  visitRulesFor,
  type BindingKind,
  type RoleResolutionError,
  type RuleSource,
  type RuleVisitor,
} from './rule-resolver.js';
import { splitPolicyRules, type RuleResolver, type SubjectRules } from './subject-rules.js';
import { AppliedBindingsCache } from './applied-bindings-cache.js';

/** Reasons kept per rule source: the cached bindings hand out the same source objects every time. */
const allowedReasons = new WeakMap<RuleSource, string>();

function allowedReason(source: RuleSource): string {
  let reason = allowedReasons.get(source);
  if (reason === undefined) {
    reason = `RBAC: allowed by ${describeRuleSource(source)}`;
    allowedReasons.set(source, reason);
  }
  return reason;
}

/** Stops at the first allowing rule and collects resolution errors: authorizingVisitor upstream. */
class AuthorizingVisitor implements RuleVisitor {
  allowedBy: RuleSource | undefined;
  private errors: RoleResolutionError[] | undefined;

  constructor(
    private readonly attrs: Attributes,
    private readonly combined: string,
  ) {}

  visitRule(source: RuleSource, rule: PolicyRule): boolean {
    if (!ruleAllows(this.attrs, rule, this.combined)) return true;
    this.allowedBy = source;
    return false;
  }

  visitError(error: RoleResolutionError): boolean {
    (this.errors ??= []).push(error);
    return true;
  }

  result(): AuthorizationResult {
    if (this.allowedBy) return { decision: 'allow', reason: allowedReason(this.allowedBy) };
    // Resolution errors are only reported when nothing allowed the request.
    const reason = this.errors ? `RBAC: ${aggregateMessage(this.errors.map(listerErrorMessage))}` : '';
    return { decision: 'noOpinion', reason };
  }
}

/** How far evaluation got with one binding. */
export type BindingOutcome = 'subject-not-matched' | 'role-not-resolved' | 'no-rule-matched' | 'allowed';

export interface RuleConsidered {
  /** Index in the role's rules. */
  index: number;
  rule: PolicyRule;
  /** The first part that did not match; absent for the rule that allowed the request. */
  mismatch?: RuleMismatch;
}

export interface BindingConsidered {
  kind: BindingKind;
  name: string;
  /** RoleBindings only. */
  namespace?: string;
  roleRef: RoleRef;
  outcome: BindingOutcome;
  /** The first subject that is the user (absent when none is). */
  subject?: Subject;
  /** Why the role could not be read, as the SAR reason words it. */
  error?: string;
  /** The role's rules tried in order (evaluation stops at the allowing one). */
  rules?: RuleConsidered[];
}

export interface RbacDecisionTrail {
  /** Exactly what authorize() returns. */
  result: AuthorizationResult;
  /**
   * The namespace whose RoleBindings were scanned. Absent when they were not: the request has no
   * namespace (cluster-scoped, all-namespaces list, non-resource URL) or a ClusterRoleBinding allowed first.
   */
  roleBindingsNamespace?: string;
  /** Every binding looked at, in scan order: ClusterRoleBindings, then the namespace's RoleBindings. */
  bindings: BindingConsidered[];
  allowedBy?: { binding: BindingConsidered; rule: RuleConsidered };
}

function bindingEntry(kind: BindingKind, binding: RoleBinding, outcome: BindingOutcome): BindingConsidered {
  const entry: BindingConsidered = { kind, name: binding.metadata.name ?? '', roleRef: binding.roleRef, outcome };
  if (kind === 'RoleBinding') entry.namespace = binding.metadata.namespace ?? '';
  return entry;
}

/** Records every step while the AuthorizingVisitor it wraps makes the decision. */
class TrailVisitor implements RuleVisitor {
  readonly bindings: BindingConsidered[] = [];
  allowedBy: RbacDecisionTrail['allowedBy'];
  private current: BindingConsidered | undefined;

  constructor(
    private readonly decider: AuthorizingVisitor,
    private readonly attrs: Attributes,
    private readonly combined: string,
  ) {}

  skipBinding(kind: BindingKind, binding: RoleBinding): void {
    this.bindings.push(bindingEntry(kind, binding, 'subject-not-matched'));
  }

  visitError(error: RoleResolutionError, kind: BindingKind, binding: RoleBinding): boolean {
    const entry = bindingEntry(kind, binding, 'role-not-resolved');
    entry.error = listerErrorMessage(error);
    this.bindings.push(entry);
    return this.decider.visitError(error);
  }

  enterBinding(source: RuleSource): void {
    const entry = bindingEntry(source.kind, source.binding, 'no-rule-matched');
    entry.subject = source.subject;
    entry.rules = [];
    this.bindings.push(entry);
    this.current = entry;
  }

  visitRule(source: RuleSource, rule: PolicyRule, index: number): boolean {
    const entry = this.current!;
    const keepGoing = this.decider.visitRule(source, rule);
    const considered: RuleConsidered = { index, rule };
    if (keepGoing) {
      considered.mismatch = ruleMismatch(this.attrs, rule, this.combined);
    } else {
      entry.outcome = 'allowed';
      this.allowedBy = { binding: entry, rule: considered };
    }
    entry.rules!.push(considered);
    return keepGoing;
  }
}

export class RBACAuthorizer implements Authorizer, RuleResolver {
  /** Each user's bindings, kept while RBAC does not change; only for sources that say when it does. */
  private readonly cache: AppliedBindingsCache | undefined;

  constructor(private readonly source: RbacSource) {
    const stamp = source.stateStamp?.bind(source);
    if (stamp) this.cache = new AppliedBindingsCache(source, stamp);
  }

  authorize(attrs: Attributes): AuthorizationResult {
    const visitor = new AuthorizingVisitor(attrs, combinedResource(attrs));
    this.visit(attrs.user, attrs.namespace ?? '', visitor);
    return visitor.result();
  }

  /** visitRulesFor, from the cache when there is one (same bindings, same order, no skipBinding calls). */
  private visit(user: UserInfo, namespace: string, visitor: RuleVisitor): void {
    if (this.cache) visitAppliedBindings(this.cache.get(user, namespace), visitor);
    else visitRulesFor(this.source, user, namespace, visitor);
  }

  /** authorize(), plus which binding, role and rule allowed it, or every binding that did not. */
  explain(attrs: Attributes): RbacDecisionTrail {
    const combined = combinedResource(attrs);
    const decider = new AuthorizingVisitor(attrs, combined);
    const trail = new TrailVisitor(decider, attrs, combined);
    const namespace = attrs.namespace ?? '';
    visitRulesFor(this.source, attrs.user, namespace, trail);
    const result: RbacDecisionTrail = { result: decider.result(), bindings: trail.bindings };
    if (trail.allowedBy) result.allowedBy = trail.allowedBy;
    if (namespace && trail.allowedBy?.binding.kind !== 'ClusterRoleBinding') result.roleBindingsNamespace = namespace;
    return result;
  }

  /** RulesFor, for SelfSubjectRulesReview: every rule from matching bindings; RBAC is never "incomplete". */
  rulesFor(user: UserInfo, namespace: string): SubjectRules {
    const resolved = collectRules((visitor) => this.visit(user, namespace, visitor));
    return { ...splitPolicyRules(resolved.rules), incomplete: false, errors: resolved.errors.map(listerErrorMessage) };
  }
}

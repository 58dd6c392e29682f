// Which rules a user holds in a namespace: pkg/registry/rbac/validation/rule.go (DefaultRuleResolver).
// ClusterRoleBindings are scanned first, then, only for a non-empty namespace, that namespace's
// RoleBindings. The authorizer, SelfSubjectRulesReview and the escalation checks all walk this.

import type { PolicyRule, RbacSource, RoleBinding, RoleRef, Subject, UserInfo } from '../types.js';
import { goQuote } from './go-quote.js';

export type BindingKind = 'ClusterRoleBinding' | 'RoleBinding';

/** Why a binding's roleRef yielded no rules. How it is worded depends on who reads it (see role-errors.ts). */
export type RoleResolutionError =
  | { reason: 'NotFound'; roleKind: 'Role' | 'ClusterRole'; namespace: string; name: string }
  | { reason: 'UnsupportedKind'; roleKind: string; name: string };

/** Where a rule came from: the binding and the first of its subjects that is the user. */
export interface RuleSource {
  kind: BindingKind;
  binding: RoleBinding;
  subject: Subject;
}

export interface RuleVisitor {
  /** A rule the user holds through `source`. Return false to stop visiting. */
  visitRule(source: RuleSource, rule: PolicyRule, ruleIndex: number): boolean;
  /** A binding that applies to the user but whose role could not be resolved. Return false to stop. */
  visitError(error: RoleResolutionError, kind: BindingKind, binding: RoleBinding): boolean;
  /** Optional: a binding none of whose subjects is the user (the decision trail lists these). */
  skipBinding?(kind: BindingKind, binding: RoleBinding): void;
  /** Optional: a binding that applies to the user, before its role's rules (if any) are visited. */
  enterBinding?(source: RuleSource): void;
}

const EMPTY_RULES: readonly PolicyRule[] = [];

/** GetRoleReferenceRules: a Role is looked up in the binding's namespace, a ClusterRole by name. */
export function getRoleReferenceRules(
  source: RbacSource,
  roleRef: RoleRef,
  bindingNamespace: string,
): readonly PolicyRule[] | RoleResolutionError {
  switch (roleRef.kind) {
    case 'Role': {
      const role = source.getRole(bindingNamespace, roleRef.name);
      if (!role) return { reason: 'NotFound', roleKind: 'Role', namespace: bindingNamespace, name: roleRef.name };
      return role.rules ?? EMPTY_RULES;
    }
    case 'ClusterRole': {
      const role = source.getClusterRole(roleRef.name);
      if (!role) return { reason: 'NotFound', roleKind: 'ClusterRole', namespace: '', name: roleRef.name };
      return role.rules ?? EMPTY_RULES;
    }
    default:
      return { reason: 'UnsupportedKind', roleKind: roleRef.kind, name: roleRef.name };
  }
}

export function isResolutionError(x: readonly PolicyRule[] | RoleResolutionError): x is RoleResolutionError {
  return !Array.isArray(x);
}

const SA_PREFIX = 'system:serviceaccount:';

/** serviceaccount.MatchesUsername, without building the username string. */
function isServiceAccount(username: string, namespace: string, name: string): boolean {
  const colon = SA_PREFIX.length + namespace.length;
  return (
    username.length === colon + 1 + name.length &&
    username.startsWith(SA_PREFIX) &&
    username.startsWith(namespace, SA_PREFIX.length) &&
    username.charCodeAt(colon) === 58 /* ':' */ &&
    username.endsWith(name)
  );
}

/**
 * appliesToUser. User and Group compare names literally ("*" is no wildcard). A ServiceAccount
 * subject without a namespace takes `namespace` (the RoleBinding's); with none, it never matches.
 * Other kinds never match.
 */
export function subjectMatches(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const saNamespace = subject.namespace || namespace;
      return saNamespace.length > 0 && isServiceAccount(user.username, saNamespace, subject.name);
    }
    default:
      return false;
  }
}

/** Index of the first subject that is the user, or -1. */
export function appliesTo(user: UserInfo, subjects: readonly Subject[] | undefined, namespace: string): number {
  if (!subjects) return -1;
  for (let i = 0; i < subjects.length; i++) {
    if (subjectMatches(user, subjects[i]!, namespace)) return i;
  }
  return -1;
}

/** A binding that applies to the user: its role's rules, or why they could not be read. */
export type AppliedBinding =
  | { source: RuleSource; rules: readonly PolicyRule[] }
  | { kind: BindingKind; binding: RoleBinding; error: RoleResolutionError };

function applyBinding(source: RbacSource, kind: BindingKind, binding: RoleBinding, user: UserInfo, namespace: string): AppliedBinding | undefined {
  const subjectIndex = appliesTo(user, binding.subjects, namespace);
  if (subjectIndex < 0) return undefined;
  const rules = getRoleReferenceRules(source, binding.roleRef, namespace);
  if (isResolutionError(rules)) return { kind, binding, error: rules };
  return { source: { kind, binding, subject: binding.subjects![subjectIndex]! }, rules };
}

/** Visits one applied binding; false when the visitor asked to stop. */
function visitApplied(applied: AppliedBinding, visitor: RuleVisitor): boolean {
  if ('error' in applied) return visitor.visitError(applied.error, applied.kind, applied.binding);
  visitor.enterBinding?.(applied.source);
  for (let i = 0; i < applied.rules.length; i++) {
    if (!visitor.visitRule(applied.source, applied.rules[i]!, i)) return false;
  }
  return true;
}

function visitBindings(
  source: RbacSource,
  kind: BindingKind,
  bindings: readonly RoleBinding[],
  user: UserInfo,
  namespace: string,
  visitor: RuleVisitor,
): boolean {
  for (const binding of bindings) {
    const applied = applyBinding(source, kind, binding, user, namespace);
    if (!applied) visitor.skipBinding?.(kind, binding);
    else if (!visitApplied(applied, visitor)) return false;
  }
  return true;
}

/** VisitRulesFor: every rule (and resolution error) that applies to `user` in `namespace`, in upstream order. */
export function visitRulesFor(source: RbacSource, user: UserInfo, namespace: string, visitor: RuleVisitor): void {
  if (!visitBindings(source, 'ClusterRoleBinding', source.listClusterRoleBindings(), user, '', visitor)) return;
  if (namespace.length > 0) {
    visitBindings(source, 'RoleBinding', source.listRoleBindings(namespace), user, namespace, visitor);
  }
}

/** The bindings visitRulesFor would visit for `user` in `namespace`, resolved, in the same order. */
export function appliedBindings(source: RbacSource, user: UserInfo, namespace: string): AppliedBinding[] {
  const applied: AppliedBinding[] = [];
  const collect = (kind: BindingKind, bindings: readonly RoleBinding[], bindingNamespace: string) => {
    for (const binding of bindings) {
      const a = applyBinding(source, kind, binding, user, bindingNamespace);
      if (a) applied.push(a);
    }
  };
  collect('ClusterRoleBinding', source.listClusterRoleBindings(), '');
  if (namespace.length > 0) collect('RoleBinding', source.listRoleBindings(namespace), namespace);
  return applied;
}

/** visitRulesFor over bindings resolved earlier by appliedBindings (skipBinding is never called). */
export function visitAppliedBindings(applied: readonly AppliedBinding[], visitor: RuleVisitor): void {
  for (const a of applied) if (!visitApplied(a, visitor)) return;
}

export interface ResolvedRules {
  rules: PolicyRule[];
  errors: RoleResolutionError[];
}

/** Every rule and resolution error a walk (visitRulesFor or visitAppliedBindings) visits. */
export function collectRules(walk: (visitor: RuleVisitor) => void): ResolvedRules {
  const resolved: ResolvedRules = { rules: [], errors: [] };
  walk({
    visitRule: (_source, rule) => {
      resolved.rules.push(rule);
      return true;
    },
    visitError: (error) => {
      resolved.errors.push(error);
      return true;
    },
  });
  return resolved;
}

/** RulesFor: all rules the user holds in `namespace` ("" = cluster-wide only), plus resolution errors. */
export function rulesFor(source: RbacSource, user: UserInfo, namespace: string): ResolvedRules {
  return collectRules((visitor) => visitRulesFor(source, user, namespace, visitor));
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    // Name first, then namespace: the one place Kubernetes prints a service account this way.
    return `${subject.kind} ${goQuote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind} ${goQuote(subject.name)}`;
}

/**
 * The `<source>` of `RBAC: allowed by <source>`:
 * `ClusterRoleBinding "b" of ClusterRole "r" to User "u"` or `RoleBinding "b/ns" of Role "r" to Group "g"`.
 */
export function describeRuleSource(source: RuleSource): string {
  const { binding, kind, subject } = source;
  const name = binding.metadata.name ?? '';
  const namespace = kind === 'RoleBinding' ? (binding.metadata.namespace ?? '') : '';
  const bindingName = kind === 'RoleBinding' ? `${name}/${namespace}` : name;
  return (
    `${kind} ${goQuote(bindingName)} of ${binding.roleRef.kind} ${goQuote(binding.roleRef.name)} ` +
    `to ${describeSubject(subject, namespace)}`
  );
}

// Covers: does a set of owner rules grant everything in a set of requested rules?
// k8s.io/component-helpers/auth/rbac/validation/policy_comparator.go, used by ConfirmNoEscalation.
// Requested rules are broken into atoms (one group, resource, verb and at most one name, or one URL
// and verb); each atom must be covered by a single owner rule.

import type { PolicyRule } from '../types.js';
import { trimTrailingStars } from './rule-matching.js';

const ALL = '*';

/** BreakdownRule: the atoms of a rule, in upstream order (groups × resources × verbs × names, then URLs × verbs). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const atoms: PolicyRule[] = [];
  const verbs = rule.verbs ?? [];
  const names = rule.resourceNames ?? [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of verbs) {
        if (names.length === 0) {
          atoms.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
          continue;
        }
        for (const name of names) {
          atoms.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of verbs) atoms.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return atoms;
}

function hasAll(owned: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((w) => owned.includes(w));
}

/** "*", the exact resource, or "*\/sub" for "res/sub". Unlike the authorizer, "a/b/c" needs "*\/b/c". */
function resourcesCovered(owned: readonly string[], wanted: readonly string[]): boolean {
  if (owned.includes(ALL)) return true;
  return wanted.every((path) => {
    if (owned.includes(path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && owned.includes(`*/${path.slice(slash + 1)}`);
  });
}

function urlCovered(ownerURL: string, url: string): boolean {
  return ownerURL === url || (ownerURL.endsWith('*') && url.startsWith(trimTrailingStars(ownerURL)));
}

function urlsCovered(owned: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((url) => owned.some((ownerURL) => urlCovered(ownerURL, url)));
}

/**
 * ruleCovers. An atom without resourceNames needs an owner rule without resourceNames; an atom
 * with a name is covered by an owner rule with no names or one listing it.
 */
function ruleCovers(owner: PolicyRule, atom: PolicyRule): boolean {
  const ownerVerbs = owner.verbs ?? [];
  const ownerGroups = owner.apiGroups ?? [];
  const ownerNames = owner.resourceNames ?? [];
  const atomNames = atom.resourceNames ?? [];
  return (
    (ownerVerbs.includes(ALL) || hasAll(ownerVerbs, atom.verbs ?? [])) &&
    (ownerGroups.includes(ALL) || hasAll(ownerGroups, atom.apiGroups ?? [])) &&
    resourcesCovered(owner.resources ?? [], atom.resources ?? []) &&
    urlsCovered(owner.nonResourceURLs ?? [], atom.nonResourceURLs ?? []) &&
    (ownerNames.length === 0 || (atomNames.length > 0 && hasAll(ownerNames, atomNames)))
  );
}

export interface Coverage {
  covered: boolean;
  /** The atoms no owner rule covers, in breakdown order. */
  uncovered: PolicyRule[];
}

export function covers(ownerRules: readonly PolicyRule[], requestedRules: readonly PolicyRule[]): Coverage {
  const uncovered: PolicyRule[] = [];
  for (const requested of requestedRules) {
    for (const atom of breakdownRule(requested)) {
      if (!ownerRules.some((owner) => ruleCovers(owner, atom))) uncovered.push(atom);
    }
  }
  return { covered: uncovered.length === 0, uncovered };
}

// Conditions under which a bootstrap object or rule exists. Releases differ either through a
// feature gate's default (the upstream mechanism, so a learner flipping the gate sees the same
// change) or, where upstream changed the policy outright, through a list of releases.
import type { KubeVersion } from '../../../versions.js';

export interface PolicyContext {
  version: KubeVersion;
  /** Effective gates of the API server (defaults merged with what it was started with). */
  gates: Readonly<Record<string, boolean>>;
}

export interface Condition {
  versions?: readonly KubeVersion[];
  gate?: string;
  gateOff?: string;
}

/** One condition, or a list of which any may hold. */
export type When = Condition | readonly Condition[];

export interface Conditional<T> {
  item: T;
  when: When;
}

function holdsOne(condition: Condition, ctx: PolicyContext): boolean {
  if (condition.versions && !condition.versions.includes(ctx.version)) return false;
  if (condition.gate !== undefined && ctx.gates[condition.gate] !== true) return false;
  if (condition.gateOff !== undefined && ctx.gates[condition.gateOff] === true) return false;
  return true;
}

export function holds(when: When | undefined, ctx: PolicyContext): boolean {
  if (when === undefined) return true;
  const conditions: readonly Condition[] = Array.isArray(when) ? when : [when as Condition];
  return conditions.some((condition) => holdsOne(condition, ctx));
}

export const only = <T>(when: When, item: T): Conditional<T> => ({ item, when });

function isConditional<T extends object>(entry: T | Conditional<T>): entry is Conditional<T> {
  return 'item' in entry && 'when' in entry;
}

/** The entries that exist in this context, unconditional ones included, in list order. */
export function select<T extends object>(entries: readonly (T | Conditional<T>)[], ctx: PolicyContext): T[] {
  const out: T[] = [];
  for (const entry of entries) {
    if (!isConditional(entry)) out.push(entry);
    else if (holds(entry.when, ctx)) out.push(entry.item);
  }
  return out;
}

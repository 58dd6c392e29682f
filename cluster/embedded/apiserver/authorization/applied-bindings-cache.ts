// The bindings that apply to a user in a namespace, resolved once and kept until any RBAC object
// changes. Resolving scans every ClusterRoleBinding (and the namespace's RoleBindings) and looks
// each matching role up; a request only needs the few bindings that name its user. The cache
// knows a change by the source's state stamp, so it is dropped whole on any create, update or
// delete of a Role, ClusterRole or binding (and on a store restore): never a stale answer.

import type { RbacSource, UserInfo } from '../types.js';
import { appliedBindings, type AppliedBinding } from './rule-resolver.js';

/** Users × namespaces kept at most; the oldest goes first. */
const DEFAULT_MAX_ENTRIES = 1024;

export class AppliedBindingsCache {
  private stamp: readonly unknown[] = [];
  private readonly entries = new Map<string, readonly AppliedBinding[]>();

  constructor(
    private readonly source: RbacSource,
    /** RbacSource.stateStamp. */
    private readonly stateStamp: () => readonly unknown[],
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  get(user: UserInfo, namespace: string): readonly AppliedBinding[] {
    const stamp = this.stateStamp();
    if (!sameStamp(stamp, this.stamp)) {
      this.entries.clear();
      this.stamp = stamp;
    }
    // RBAC subjects match on the username and groups only (never uid or extra).
    const key = `${namespace}\n${user.username}\n${user.groups.join('\n')}`;
    let applied = this.entries.get(key);
    if (!applied) {
      applied = appliedBindings(this.source, user, namespace);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, applied);
    }
    return applied;
  }
}

function sameStamp(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

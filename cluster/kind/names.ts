// kind clusters that belong to the lab carry one prefix, so the lab can list, adopt and reap its
// own clusters and never touch anyone else's.

export const LAB_PREFIX = 'kubelab-';

/** The kind cluster name for a lab cluster id: kubelab-<id>. */
export function kindClusterName(id: string): string {
  return `${LAB_PREFIX}${id}`;
}

export function isLabCluster(kindName: string): boolean {
  return kindName.startsWith(LAB_PREFIX) && kindName.length > LAB_PREFIX.length;
}

/** The lab id of a kind cluster name (kubelab-<id> -> <id>). */
export function labIdOf(kindName: string): string {
  return isLabCluster(kindName) ? kindName.slice(LAB_PREFIX.length) : kindName;
}

/** Accepts either form a user may type (kubelab-lab-1a2b3c or lab-1a2b3c) and gives the kind name. */
export function normalizeKindName(nameOrId: string): string {
  return isLabCluster(nameOrId) ? nameOrId : kindClusterName(nameOrId);
}

// The kinds resource checks may name, with what the grader needs to read them from the API and
// to show the kubectl command for them. A short, explicit list: the lab's scenarios are about
// RBAC, ServiceAccounts, pods and the answers ConfigMap.

export interface KindInfo {
  kind: string;
  /** "" for the core group. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** The name kubectl users type, e.g. `kubectl get clusterrolebinding`. */
  kubectlName: string;
}

const KINDS: readonly KindInfo[] = [
  { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', namespaced: false, kubectlName: 'namespace' },
  { kind: 'Node', group: '', version: 'v1', plural: 'nodes', namespaced: false, kubectlName: 'node' },
  { kind: 'Pod', group: '', version: 'v1', plural: 'pods', namespaced: true, kubectlName: 'pod' },
  { kind: 'ServiceAccount', group: '', version: 'v1', plural: 'serviceaccounts', namespaced: true, kubectlName: 'serviceaccount' },
  { kind: 'ConfigMap', group: '', version: 'v1', plural: 'configmaps', namespaced: true, kubectlName: 'configmap' },
  { kind: 'Secret', group: '', version: 'v1', plural: 'secrets', namespaced: true, kubectlName: 'secret' },
  { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', namespaced: false, kubectlName: 'clusterrole' },
  { kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterrolebindings', namespaced: false, kubectlName: 'clusterrolebinding' },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', namespaced: true, kubectlName: 'role' },
  { kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', namespaced: true, kubectlName: 'rolebinding' },
];

export const KNOWN_KINDS: readonly string[] = KINDS.map((k) => k.kind);

export function kindInfo(kind: string): KindInfo | undefined {
  return KINDS.find((k) => k.kind === kind);
}

/** The REST path of one object (or of the collection when `name` is omitted). */
export function objectPath(info: KindInfo, name?: string, namespace?: string): string {
  const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${prefix}${ns}/${info.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

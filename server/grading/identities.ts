// The identities the grader reasons about: ServiceAccounts (as the API server authenticates their
// tokens or impersonates them) and binding subjects written "Kind:name".

export interface Identity {
  user: string;
  groups: string[];
}

export interface Subject {
  kind: 'ServiceAccount' | 'User' | 'Group';
  name: string;
  namespace?: string;
}

export function serviceAccountIdentity(namespace: string, name: string): Identity {
  return { user: `system:serviceaccount:${namespace}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'] };
}

export const ANONYMOUS: Identity = { user: 'system:anonymous', groups: ['system:unauthenticated'] };

/** "ns/name" */
export function splitNamespacedName(ref: string): { namespace: string; name: string } {
  const [namespace = '', name = ''] = ref.split('/');
  return { namespace, name };
}

/** "ServiceAccount:ns/name", "User:alice", "Group:system:masters" (validated by the scenario schema). */
export function parseSubject(text: string): Subject {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon) as Subject['kind'];
  const rest = text.slice(colon + 1);
  if (kind === 'ServiceAccount') return { kind, ...splitNamespacedName(rest) };
  return { kind, name: rest };
}

export function subjectKey(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount:${s.namespace}/${s.name}` : `${s.kind}:${s.name}`;
}

/**
 * Who a subject is when asked about, as `kubectl auth can-i --as` makes it: impersonation adds
 * system:authenticated (and a ServiceAccount's groups); a group is probed with a made-up member.
 */
export function subjectIdentity(s: Subject): Identity {
  if (s.kind === 'ServiceAccount') return serviceAccountIdentity(s.namespace ?? '', s.name);
  if (s.kind === 'User') return { user: s.name, groups: ['system:authenticated'] };
  return { user: GROUP_PROBE_USER, groups: [s.name, 'system:authenticated'] };
}

const GROUP_PROBE_USER = 'kubelab:group-member';

/** The `--as ...` flags that impersonate the subject. */
export function impersonationFlags(s: Subject): string[] {
  if (s.kind === 'ServiceAccount') return [`--as=system:serviceaccount:${s.namespace}:${s.name}`];
  if (s.kind === 'User') return [`--as=${s.name}`];
  return [`--as=${GROUP_PROBE_USER}`, `--as-group=${s.name}`];
}

/** Identities kubeadm's control plane uses that legitimately hold every kubelet permission (plus the bootstrap controllers, see bindingSubjects). */
export const CLUSTER_ADMIN_SUBJECTS: readonly string[] = ['Group:system:masters', 'Group:kubeadm:cluster-admins', 'User:kube-apiserver-kubelet-client'];

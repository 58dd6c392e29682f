// `no-grant`: nobody (in a given set, or at all except an allow-list) can perform an action. Every
// subject the cluster's ClusterRoleBindings and RoleBindings name is asked about with a
// SubjectAccessReview, as `kubectl auth can-i ... --as` would ask, so grants through `*`,
// `*/proxy`, apiGroups `*` or a group are all found, not only the literal "nodes/proxy".

import type { NoGrantCheck } from '../../scenarios/schema.js';
import { CLUSTER_ADMIN_SUBJECTS, impersonationFlags, parseSubject, subjectIdentity, subjectKey, type Subject } from '../identities.js';
import { subjectAccessReview } from '../kubelet-trail.js';
import type { CheckOutcome } from '../report.js';
import type { GradingRun } from '../session.js';
import { shellCommand } from '../shell-words.js';

const SHOWN_COMMANDS = 5;

export async function runNoGrant(check: NoGrantCheck, run: GradingRun): Promise<CheckOutcome> {
  const allowed = new Set([...(check.except ?? []), ...(check.allowControlPlane ? CLUSTER_ADMIN_SUBJECTS : [])]);
  const candidates = check.subjects
    ? check.subjects.map(parseSubject)
    : (await run.bindingSubjects()).filter((s) => !allowed.has(subjectKey(s)) && !(check.allowControlPlane && s.controlPlane));
  const question = { verb: check.verb, resource: check.resource, ...(check.subresource ? { subresource: check.subresource } : {}), ...(check.namespace ? { namespace: check.namespace } : {}) };
  const answers = await Promise.all(candidates.map(async (s) => ({ subject: s, ...(await subjectAccessReview(run.session.api, subjectIdentity(s), question)) })));
  const offenders = answers.filter((a) => a.allowed);
  const action = `${check.verb} ${check.resource}${check.subresource ? `/${check.subresource}` : ''}${check.namespace ? ` in namespace ${check.namespace}` : ''}`;
  // Each offender's own question, or one example of the question every candidate was asked.
  const shown = offenders.length ? offenders.map((o) => o.subject).slice(0, SHOWN_COMMANDS) : candidates.slice(0, 1);
  return {
    passed: offenders.length === 0,
    command: shown.map((s) => canICommand(check, s)).join('\n') || canICommand(check, { kind: 'User', name: 'SUBJECT' }),
    output: offenders.length
      ? offenders.map((o) => `${subjectKey(o.subject)} can (${o.reason || 'allowed'})`).join('\n')
      : `none of the ${candidates.length} subject(s) checked can ${action}`,
    expected: check.subjects
      ? `none of ${check.subjects.join(', ')} can ${action}`
      : `no subject that a binding names can ${action}${exceptions(check)}`,
    why: check.why,
  };
}

function canICommand(check: NoGrantCheck, s: Subject): string {
  return shellCommand([
    'kubectl',
    'auth',
    'can-i',
    check.verb,
    check.resource,
    ...(check.subresource ? [`--subresource=${check.subresource}`] : []),
    ...(check.namespace ? ['-n', check.namespace] : ['-A']),
    ...impersonationFlags(s),
  ]);
}

function exceptions(check: NoGrantCheck): string {
  const named = check.except ?? [];
  const parts = [...(check.allowControlPlane ? ["the control plane's own identities (system:masters, kubeadm:cluster-admins, kube-apiserver-kubelet-client, kube-system controller ServiceAccounts)"] : []), ...named];
  return parts.length ? `, except ${parts.join(', ')}` : '';
}

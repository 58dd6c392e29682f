// A decision log entry as lines a learner reads in a terminal (`kubelab cluster log`): the
// request and its answer first, then one indented line per SubjectAccessReview with RBAC's word
// on it, flagging answers that came from the kubelet's cache.

import type { DecisionReview, KubeletDecision } from './decision-log.js';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  101: 'Switching Protocols',
  200: 'OK',
  301: 'Moved Permanently',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

export function formatDecision(d: KubeletDecision): string[] {
  const who = d.authentication?.user
    ? `${d.authentication.user} (${d.authentication.method}${d.authentication.cached ? ', cached token review' : ''})`
    : 'no user';
  const target = d.query ? `${d.path}?${d.query}` : d.path;
  const lines = [`${d.time} ${d.node} ${d.method} ${target} -> ${d.status} ${STATUS_TEXT[d.status] ?? ''}`.trimEnd()];
  switch (d.outcome) {
    case 'routed-before-auth':
      lines.push(`    answered by the kubelet's HTTP mux before authentication (${d.status === 301 ? 'redirect' : 'no such endpoint'})`);
      break;
    case 'unauthenticated':
      lines.push(`    not authenticated: ${d.authentication?.errors?.length ? d.authentication.errors.join('; ') : 'no credentials accepted and anonymous auth is off'}`);
      break;
    default:
      lines.push(`    as ${who}`);
  }
  for (const review of d.reviews) lines.push(...formatReview(review));
  return lines;
}

function formatReview(r: DecisionReview): string[] {
  const cache = r.cached ? ` [from kubelet cache until ${r.cachedUntil ?? '?'}]` : '';
  const lines = [`    ${r.verb || '""'} nodes/${r.subresource} ${r.name}: ${r.decision}${cache}${r.reason ? ` - ${r.reason}` : ''}`];
  if (r.liveDecision && r.liveDecision !== r.decision) {
    lines.push(`      the cluster would now answer ${r.liveDecision}; the kubelet keeps its cached answer until it expires`);
  }
  if (r.decision !== 'allow') {
    for (const binding of r.explanation?.notAllowedBy ?? []) {
      const where = binding.namespace ? ` in ${binding.namespace}` : '';
      lines.push(`      ${binding.bindingKind} ${binding.binding}${where} -> ${binding.role}${binding.error ? `: ${binding.error}` : ''}`);
      for (const mismatch of binding.mismatches) lines.push(`        ${mismatch}`);
    }
    if (r.explanation && r.explanation.notAllowedBy.length === 0 && !r.explanation.decidedBy) {
      lines.push(`      no binding gives this user or its groups any rule on ${r.resource}`);
    }
  }
  return lines;
}

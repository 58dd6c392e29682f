// Why the kubelet answered as it did: the SubjectAccessReviews it made, in order, with RBAC's
// reason for each. Taken from the kubelet's own decision log where the cluster keeps one; else
// replayed: the attributes the kubelet builds from method and path (for this version and gate
// state, from the kubelet's table), each asked of the API server in the kubelet's order, stopping
// at the first allow. Either way it also tells whether a decision the kubelet cached earlier, and
// that RBAC no longer supports, decided the request.

import type { KubeVersion } from '../../cluster/versions.js';
import type { KubeletResponse } from '../../cluster/provider.js';
import type { DecisionReview, KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import { KUBELET_ATTRIBUTE_RULES, kubeletSubresources, kubeletVerb } from '../../cluster/embedded/kubelet/attributes.js';
import type { DecisionSource } from './decision-source.js';
import { ANONYMOUS, type Identity } from './identities.js';
import { expectOk, type KubeClient } from './kube-client.js';
import type { KubeletView } from './kubelet-view.js';
import type { DecisionAttempt } from './report.js';

export interface AccessQuestion {
  verb: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}

export interface AccessAnswer {
  allowed: boolean;
  reason: string;
}

/** One SubjectAccessReview, asked as the admin on behalf of `who`. */
export async function subjectAccessReview(api: KubeClient, who: Identity, q: AccessQuestion): Promise<AccessAnswer> {
  const review = await expectOk<{ status?: { allowed?: boolean; reason?: string } }>(api, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: {
      user: who.user,
      groups: who.groups,
      resourceAttributes: {
        verb: q.verb,
        group: '',
        resource: q.resource,
        ...(q.subresource ? { subresource: q.subresource } : {}),
        ...(q.name ? { name: q.name } : {}),
        ...(q.namespace ? { namespace: q.namespace } : {}),
      },
    },
  });
  return { allowed: review.status?.allowed === true, reason: review.status?.reason ?? '' };
}

export interface KubeletExplanation {
  attempts: DecisionAttempt[];
  /** One sentence when the kubelet stopped before authorization, or did not ask anyone. */
  summary?: string;
  /** Epoch ms until which a cached decision that RBAC no longer supports stays in force. */
  staleUntil?: number;
  /** Where the attempts come from. */
  source: 'kubelet decision log' | 'replayed with SubjectAccessReviews';
}

export interface KubeletRequestFacts {
  api: KubeClient;
  version: KubeVersion;
  view: KubeletView;
  node: string;
  method: string;
  path: string;
  who: Identity;
  response: KubeletResponse;
  /** Epoch ms when the request was sent. */
  since: number;
  decisions?: DecisionSource;
}

export async function explainKubeletRequest(f: KubeletRequestFacts): Promise<KubeletExplanation> {
  const path = f.path.split('?')[0] ?? f.path;
  const logged = await f.decisions?.find({ node: f.node, method: f.method, path, user: f.who === ANONYMOUS ? undefined : f.who.user, since: f.since });
  if (logged) return fromDecisionLog(f, logged);
  return replay(f, path);
}

async function fromDecisionLog(f: KubeletRequestFacts, d: KubeletDecision): Promise<KubeletExplanation> {
  const explanation: KubeletExplanation = { attempts: d.reviews.map((r) => attempt(r, d.node)), source: 'kubelet decision log' };
  if (d.outcome === 'routed-before-auth') explanation.summary = `The kubelet answered ${d.status} before authentication: ${d.status === 301 ? 'the path needs its trailing slash' : 'it has no such endpoint'}.`;
  if (d.outcome === 'unauthenticated') explanation.summary = `The kubelet did not authenticate the caller (401${d.authentication?.errors?.length ? `: ${d.authentication.errors.join('; ')}` : ''}), so no role was even consulted.`;
  if (d.outcome === 'authorized' && d.reviews.length === 0) explanation.summary = 'The kubelet allowed the request without asking the API server (authorization mode AlwaysAllow).';
  for (const r of d.reviews.filter((r) => r.cached && r.cachedUntil)) {
    const live = r.liveDecision ?? (r.decision === 'allow' ? ((await subjectAccessReview(f.api, f.who, { verb: r.verb, resource: r.resource, subresource: r.subresource, name: r.name })).allowed ? 'allow' : 'deny') : r.decision);
    if ((live === 'allow') !== (r.decision === 'allow')) explanation.staleUntil = Math.max(explanation.staleUntil ?? 0, Date.parse(r.cachedUntil!));
  }
  return explanation;
}

function attempt(r: DecisionReview, node: string): DecisionAttempt {
  const details = (r.decision === 'allow' ? [] : (r.explanation?.notAllowedBy ?? [])).map(
    (b) => `${b.bindingKind} ${b.binding}${b.namespace ? ` in ${b.namespace}` : ''} → ${b.role}: ${b.error ?? b.mismatches.join('; ')}`,
  );
  return {
    verb: r.verb,
    resource: 'nodes',
    subresource: r.subresource,
    node,
    allowed: r.decision === 'allow',
    reason: r.reason,
    ...(r.cached ? { cached: true } : {}),
    ...(details.length ? { details } : {}),
  };
}

async function replay(f: KubeletRequestFacts, path: string): Promise<KubeletExplanation> {
  const source = 'replayed with SubjectAccessReviews' as const;
  if (f.response.status === 401) return { attempts: [], source, summary: 'The kubelet did not authenticate the caller (401), so no role was even consulted.' };
  if (f.response.status === 301 || (f.response.status === 404 && f.response.body === '404 page not found\n')) {
    return { attempts: [], source, summary: `The kubelet answered ${f.response.status} before authentication: it has no such endpoint.` };
  }
  if (f.view.mode !== 'Webhook') return { attempts: [], source, summary: `The kubelet's authorization mode is ${f.view.mode}: it asks nobody.` };
  const verb = kubeletVerb(f.method);
  const attempts: DecisionAttempt[] = [];
  for (const subresource of kubeletSubresources(path, f.view.fineGrained, KUBELET_ATTRIBUTE_RULES[f.version])) {
    const answer = await subjectAccessReview(f.api, f.who, { verb, resource: 'nodes', subresource, name: f.node });
    attempts.push({ verb, resource: 'nodes', subresource, node: f.node, ...answer });
    if (answer.allowed) break;
  }
  const explanation: KubeletExplanation = { attempts, source };
  // The kubelet allowed what RBAC now denies, or the reverse: an answer it cached earlier decided.
  const kubeletAllowed = f.response.status !== 403;
  if (f.response.status < 500 && attempts.some((a) => a.allowed) !== kubeletAllowed) {
    explanation.staleUntil = f.since + (kubeletAllowed ? f.view.authorizedTTLms : f.view.unauthorizedTTLms);
  }
  return explanation;
}

/** "get nodes/pods → allowed (RBAC: allowed by ...); then ..." */
export function describeExplanation(e: KubeletExplanation): string {
  if (e.summary) return e.summary;
  if (e.attempts.length === 0) return '';
  const parts = e.attempts.map((a) => `${a.verb || '(no verb)'} nodes/${a.subresource} → ${a.allowed ? `allowed (${a.reason || 'allowed'})` : 'no rule allows it'}${a.cached ? ' [answered from the kubelet\'s cache]' : ''}`);
  return `The kubelet asked, in order: ${parts.join('; then ')}.`;
}

// The kubelets' decision trail of a kind cluster, read back from the API server's audit log: each
// SubjectAccessReview a kubelet created (who asked for what on which node, and RBAC's answer)
// becomes a KubeletDecision in the same log the embedded runtime keeps. A fine-grained review
// that was not allowed and the nodes/proxy fallback the kubelet asks right after it are one
// decision. What the log cannot tell (the request path, what the handler answered, cached
// answers, which never reach the API server) is left empty: status 0 means "not known".

import { z } from 'zod';
import type { DecisionReview } from '../embedded/kubelet/decisions/decision-log.js';
import { DecisionLog } from '../embedded/kubelet/decisions/decision-log.js';
import { followCommand } from './command-runner.js';
import { AUDIT_LOG_PATH } from './audit-policy.js';

const NODE_USER = 'system:node:';
/** How long a denied fine-grained review waits for its nodes/proxy fallback. */
const FALLBACK_WINDOW_MS = 250;

const AUDIT_EVENT = z.object({
  kind: z.literal('Event'),
  stage: z.string(),
  verb: z.string(),
  stageTimestamp: z.string(),
  user: z.object({ username: z.string() }).passthrough(),
  sourceIPs: z.array(z.string()).optional(),
  objectRef: z.object({ resource: z.string(), apiGroup: z.string().optional() }).passthrough(),
  requestObject: z.object({
    spec: z.object({
      user: z.string().optional(),
      groups: z.array(z.string()).optional(),
      resourceAttributes: z
        .object({ verb: z.string().default(''), resource: z.string().default(''), subresource: z.string().default(''), name: z.string().default('') })
        .passthrough()
        .optional(),
    }),
  }),
  responseObject: z.object({
    status: z.object({ allowed: z.boolean().default(false), denied: z.boolean().optional(), reason: z.string().default('') }).passthrough().default({ allowed: false, reason: '' }),
  }),
});

/** One kubelet SubjectAccessReview from an audit log line, or undefined for any other line. */
export interface KubeletReview {
  time: string;
  node: string;
  user: string | undefined;
  groups: string[];
  review: DecisionReview;
}

export function parseAuditLine(line: string): KubeletReview | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = AUDIT_EVENT.safeParse(json);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const attrs = e.requestObject.spec.resourceAttributes;
  if (e.stage !== 'ResponseComplete' || e.verb !== 'create' || e.objectRef.resource !== 'subjectaccessreviews') return undefined;
  if (!e.user.username.startsWith(NODE_USER) || attrs?.resource !== 'nodes') return undefined;
  const status = e.responseObject.status;
  return {
    time: new Date(e.stageTimestamp).toISOString(),
    node: e.user.username.slice(NODE_USER.length),
    user: e.requestObject.spec.user,
    groups: e.requestObject.spec.groups ?? [],
    review: {
      verb: attrs.verb,
      resource: attrs.resource,
      subresource: attrs.subresource,
      name: attrs.name,
      decision: status.allowed ? 'allow' : status.denied ? 'deny' : 'noOpinion',
      reason: status.reason,
      cached: false,
    },
  };
}

/** The kubelet's HTTP method for a review's verb (GET/HEAD -> get, POST -> create, ...). */
const METHOD: Record<string, string> = { get: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE' };

/** Groups reviews into decisions and records them in `log`. */
export class AuditDecisionBuilder {
  private readonly pending = new Map<string, { reviews: KubeletReview[]; timer: NodeJS.Timeout }>();

  constructor(private readonly log: DecisionLog) {}

  add(r: KubeletReview): void {
    const key = `${r.node}\u0000${r.user ?? ''}`;
    const waiting = this.pending.get(key);
    if (waiting && r.review.subresource === 'proxy') {
      clearTimeout(waiting.timer);
      this.pending.delete(key);
      this.record([...waiting.reviews, r]);
      return;
    }
    if (waiting) this.flush(key);
    if (r.review.subresource !== 'proxy' && r.review.decision !== 'allow') {
      this.pending.set(key, { reviews: [r], timer: setTimeout(() => this.flush(key), FALLBACK_WINDOW_MS) });
      return;
    }
    this.record([r]);
  }

  /** Records whatever is still waiting for a fallback. */
  close(): void {
    for (const key of [...this.pending.keys()]) this.flush(key);
  }

  private flush(key: string): void {
    const waiting = this.pending.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.pending.delete(key);
    this.record(waiting.reviews);
  }

  private record(reviews: KubeletReview[]): void {
    const first = reviews[0]!;
    const allowed = reviews.some((r) => r.review.decision === 'allow');
    this.log.record({
      time: first.time,
      node: first.node,
      method: METHOD[first.review.verb] ?? first.review.verb.toUpperCase(),
      path: '',
      remoteAddress: '',
      upgrade: false,
      ...(first.user ? { authentication: { user: first.user, groups: first.groups } } : {}),
      reviews: reviews.map((r) => r.review),
      outcome: allowed ? 'authorized' : 'forbidden',
      status: allowed ? 0 : 403,
      durationMs: 0,
    });
  }
}

/** Follows the audit log inside the control-plane node until `stop()`; restarts `tail` if it dies. */
export function followAuditLog(controlPlaneNode: string, builder: AuditDecisionBuilder, env: NodeJS.ProcessEnv = process.env, retryMs = 2000): { stop(): void } {
  let stopped = false;
  let current: { stop(): void } | undefined;
  let retry: NodeJS.Timeout | undefined;
  const start = () => {
    current = followCommand(
      'docker',
      ['exec', controlPlaneNode, 'tail', '-n', '0', '-F', AUDIT_LOG_PATH],
      (line) => {
        const review = parseAuditLine(line);
        if (review) builder.add(review);
      },
      () => {
        if (!stopped) retry = setTimeout(start, retryMs).unref();
      },
      env,
    );
  };
  start();
  return {
    stop() {
      stopped = true;
      clearTimeout(retry);
      current?.stop();
      builder.close();
    },
  };
}

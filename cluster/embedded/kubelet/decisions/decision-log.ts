// Every request any kubelet of a cluster answered: who asked, what the kubelet asked the API
// server (each SubjectAccessReview, whether it came from the kubelet's cache, and RBAC's reason),
// and what the caller got. Kept in a ring buffer for the lab's live views; subscribers see each
// entry as it is recorded.

import type { AuthorizationResult } from '../../apiserver/types.js';
import type { ReviewExplanation } from '../auth/authorizer.js';
import type { AuthenticationMethod } from '../auth/authenticator.js';

export const DEFAULT_DECISION_LOG_CAPACITY = 2000;

export type DecisionOutcome =
  /** Go's ServeMux answered (404 or 301) before any authentication. */
  | 'routed-before-auth'
  /** Authentication failed: 401. */
  | 'unauthenticated'
  /** Every attribute was denied: 403. */
  | 'forbidden'
  /** A SubjectAccessReview call failed: 500. */
  | 'authorization-error'
  /** Authorized; the handler (or go-restful's route error, or a disabled stub) answered. */
  | 'authorized';

export interface DecisionReview {
  verb: string;
  resource: string;
  subresource: string;
  name: string;
  decision: AuthorizationResult['decision'];
  reason: string;
  /** From the kubelet's SubjectAccessReview cache rather than a fresh review. */
  cached: boolean;
  /** When the kubelet forgets this answer (RFC 3339 with ms). */
  cachedUntil?: string;
  /** A cached non-allow whose live answer differs: the RBAC change has not reached the kubelet yet. */
  liveDecision?: AuthorizationResult['decision'];
  explanation?: ReviewExplanation;
}

export interface KubeletDecision {
  /** Increases by one per entry of this cluster's log. */
  seq: number;
  /** RFC 3339 with milliseconds. */
  time: string;
  node: string;
  method: string;
  /** The URL path, without the query string. */
  path: string;
  query?: string;
  remoteAddress: string;
  /** The request asked to upgrade the connection (WebSocket or SPDY). */
  upgrade: boolean;
  /** The endpoint the path reached, when it reached one. */
  endpoint?: string;
  authentication?: {
    method?: AuthenticationMethod;
    user?: string;
    groups?: string[];
    /** The user came from the kubelet's TokenReview cache. */
    cached?: boolean;
    /** Why authentication failed (the 401 body never says). */
    errors?: string[];
  };
  reviews: DecisionReview[];
  outcome: DecisionOutcome;
  status: number;
  durationMs: number;
}

export type DecisionListener = (decision: KubeletDecision) => void;

export class DecisionLog {
  private readonly ring: KubeletDecision[] = [];
  private next = 0;
  private seq = 0;
  private readonly listeners = new Set<DecisionListener>();

  constructor(private readonly capacity = DEFAULT_DECISION_LOG_CAPACITY) {}

  /** Numbers the entry and keeps it: the caller's object becomes the entry, no copy is made. */
  record(entry: Omit<KubeletDecision, 'seq'> & { seq?: number }): KubeletDecision {
    const decision = entry as KubeletDecision;
    decision.seq = ++this.seq;
    if (this.ring.length < this.capacity) this.ring.push(decision);
    else this.ring[this.next] = decision;
    this.next = (this.next + 1) % this.capacity;
    for (const listener of this.listeners) {
      try {
        listener(decision);
      } catch {
        // A broken viewer must not break the kubelet that is answering.
      }
    }
    return decision;
  }

  /** Oldest first. */
  entries(): KubeletDecision[] {
    return this.ring.length < this.capacity ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  /** Every entry from now on; returns the unsubscribe function. */
  subscribe(listener: DecisionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

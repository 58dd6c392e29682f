// What grading returns, for the CLI (text or --json) and the web lab alike.

import type { KubeVersion } from '../../cluster/versions.js';
import type { CheckType } from '../scenarios/schema.js';

/** One authorization the kubelet makes for a request, in the order it makes them. */
export interface DecisionAttempt {
  verb: string;
  resource: 'nodes';
  subresource: string;
  node: string;
  allowed: boolean;
  /** The API server's reason, e.g. `RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to ServiceAccount "prometheus/monitoring"`. */
  reason: string;
  /** The kubelet answered from its cache of earlier decisions rather than asking again. */
  cached?: boolean;
  /** For a denial: the bindings that name the caller and why their rules do not match. */
  details?: string[];
}

export interface CheckResult {
  id: string;
  title: string;
  type: CheckType;
  passed: boolean;
  /** A command the learner can type to see the same thing. */
  command: string;
  /** What that command printed (shortened when long). */
  output: string;
  expected: string;
  /** Why this is the expected result: the concept, plus what this run showed. */
  why: string;
  /** The kubelet's authorization attempts for this request, where there is one. */
  trail?: DecisionAttempt[];
  /** Something the learner should know about how the result was obtained (e.g. a wait for a cache). */
  note?: string;
  /** Set when the check could not be carried out at all (not the same as failing). */
  error?: string;
  durationMs: number;
}

export interface StepReport {
  scenario: string;
  step: number;
  title: string;
  version: KubeVersion;
  passed: boolean;
  checks: CheckResult[];
  durationMs: number;
}

/** The outcome a check runner computes; the engine adds id, title, type and timing. */
export type CheckOutcome = Omit<CheckResult, 'id' | 'title' | 'type' | 'durationMs'>;

// The kubelet's own record of a request, where the cluster keeps one: an embedded cluster in this
// process exposes its decision log; one started by `kubelab cluster up` in another process mirrors
// it to kubelet-decisions.jsonl beside its kubeconfig. Other clusters (kind) have none; the grader
// then replays the kubelet's authorization with SubjectAccessReviews instead.

import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DECISION_FILE_NAME } from '../../cluster/embedded/kubelet/decisions/decision-file.js';
import type { KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import type { GradingTarget } from './target.js';

export interface DecisionQuery {
  node: string;
  method: string;
  /** Without the query string. */
  path: string;
  /** The authenticated user the kubelet recorded; undefined for a request without credentials. */
  user: string | undefined;
  /** Epoch ms when the grader sent the request. */
  since: number;
}

export interface DecisionSource {
  find(q: DecisionQuery): Promise<KubeletDecision | undefined>;
}

interface HasDecisionLog {
  decisions(): KubeletDecision[];
}

const FILE_SETTLE_MS = [0, 20, 50, 100, 200];

export function decisionSourceFor(target: GradingTarget): DecisionSource | undefined {
  const inProcess = target as Partial<HasDecisionLog>;
  if (typeof inProcess.decisions === 'function') {
    const log = inProcess as HasDecisionLog;
    return { find: async (q) => latestMatch(log.decisions(), q) };
  }
  const file = join(dirname(target.kubeconfigPath), DECISION_FILE_NAME);
  if (!existsSync(file)) return undefined;
  // Only what is written after the session opens is read: the file can hold megabytes of history.
  const start = statSync(file).size;
  return {
    async find(q) {
      // The file is written asynchronously: give the entry a moment to land.
      for (const delay of FILE_SETTLE_MS) {
        if (delay) await new Promise((r) => setTimeout(r, delay));
        const found = latestMatch(readEntries(file, start), q);
        if (found) return found;
      }
      return undefined;
    },
  };
}

function latestMatch(entries: readonly KubeletDecision[], q: DecisionQuery): KubeletDecision | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const d = entries[i]!;
    if (Date.parse(d.time) < q.since - 1000) return undefined; // older than our request (allowing for clock granularity)
    if (d.node === q.node && d.method === q.method && d.path === q.path && d.authentication?.user === q.user) return d;
  }
  return undefined;
}

function readEntries(file: string, from: number): KubeletDecision[] {
  if (!existsSync(file)) return [];
  const size = statSync(file).size;
  if (size <= from) return [];
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(size - from);
    const read = readSync(fd, buffer, 0, buffer.length, from);
    const out: KubeletDecision[] = [];
    for (const line of buffer.subarray(0, read).toString('utf8').split('\n')) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as KubeletDecision);
      } catch {
        // a line still being written
      }
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

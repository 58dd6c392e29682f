// The part of kube-scheduler's filtering the emulation needs: a node fits a pod whose taints it
// tolerates (TaintToleration) and whose labels match its nodeSelector (NodeAffinity), checked in
// the default profile's order. When no node fits, the FitError message the scheduler puts in the
// pod's PodScheduled condition.

import type { KubeObject } from '../types.js';

interface Taint { key: string; value?: string; effect: string }
interface Toleration { key?: string; operator?: string; value?: string; effect?: string }

/** Why `node` cannot take `pod` (the first failing filter), or undefined when it fits. */
export function unfitReason(pod: KubeObject, node: KubeObject): string | undefined {
  const spec = (pod.spec ?? {}) as { tolerations?: Toleration[]; nodeSelector?: Record<string, string> };
  const tolerations = spec.tolerations ?? [];
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule');
  const untolerated = taints.find((t) => !tolerations.some((tol) => tolerates(tol, t)));
  if (untolerated) return `node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`;
  const labels = node.metadata.labels ?? {};
  if (Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) return "node(s) didn't match Pod's node affinity/selector";
  return undefined;
}

/**
 * FitError.Error(): the reasons counted over all nodes, sorted, then what preemption found (none
 * of these reasons can be resolved by evicting pods).
 */
export function fitErrorMessage(reasons: readonly string[]): string {
  if (!reasons.length) return 'no nodes available to schedule pods'; // ErrNoNodesAvailable
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  const total = reasons.length;
  return `0/${total} nodes are available: ${histogram.join(', ')}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && (tol.value ?? '') === (taint.value ?? '');
}

// What a DELETE does to a stored object, as the generic registry decides it (rest.BeforeDelete,
// Store.Delete, updateForGracefulDeletionAndFinalizers, markAsDeleting):
// - a kind with graceful deletion (pods) gets deletionTimestamp = now + grace period and
//   deletionGracePeriodSeconds, and stays for whoever finishes the job (the node's kubelet);
//   a grace period of 0 removes it at once;
// - an object with finalizers is never removed by a delete: it is marked (grace period 0) and goes
//   when an update empties its finalizers (see shouldDeleteDuringUpdate);
// - a second delete may only shorten a pending grace period.

import { z } from 'zod';
import type { KubeObject } from '../types.js';
import { formatTime } from '../storage/store.js';
import { badRequest, invalid } from '../status.js';

export type DeletionPlan =
  /** Remove from storage now. */
  | { action: 'remove' }
  /** Store this object (deletion marked or shortened); it stays. */
  | { action: 'mark'; object: KubeObject }
  /** A deletion is already pending and this request changes nothing. */
  | { action: 'keep' };

/** CheckGracefulDelete of the kind, if it deletes gracefully. */
export type GracePeriodOf = (obj: KubeObject, requested: number | undefined) => number;

const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'] as const;
export type PropagationPolicy = (typeof PROPAGATION_POLICIES)[number];

const deleteOptionsSchema = z
  .object({ gracePeriodSeconds: z.number().int().nullish(), propagationPolicy: z.string().nullish(), orphanDependents: z.boolean().nullish() })
  .passthrough();

export interface RequestedDeletion {
  gracePeriod?: number;
  propagation?: PropagationPolicy;
}

/**
 * DeleteOptions from the body (JSON, as kubectl sends it) or the query parameters of the same
 * names: the grace period, and how dependents go (`kubectl delete --cascade=orphan|foreground`).
 */
export function requestedDeletion(body: Record<string, unknown> | undefined, query: URLSearchParams): RequestedDeletion {
  const out: RequestedDeletion = {};
  let policy: string | undefined;
  let orphanDependents: boolean | undefined;
  if (body) {
    const parsed = deleteOptionsSchema.safeParse(body);
    if (!parsed.success) throw badRequest('DeleteOptions.gracePeriodSeconds must be a whole number of seconds');
    if (parsed.data.gracePeriodSeconds !== undefined && parsed.data.gracePeriodSeconds !== null) out.gracePeriod = parsed.data.gracePeriodSeconds;
    policy = parsed.data.propagationPolicy ?? undefined;
    orphanDependents = parsed.data.orphanDependents ?? undefined;
  }
  const fromQuery = query.get('gracePeriodSeconds');
  if (fromQuery !== null) {
    if (!/^-?\d+$/.test(fromQuery)) throw badRequest(`gracePeriodSeconds must be a whole number of seconds, not ${JSON.stringify(fromQuery)}`);
    out.gracePeriod = Number(fromQuery);
  }
  policy = query.get('propagationPolicy') ?? policy;
  if (policy !== undefined) {
    // ValidateDeleteOptions
    if (orphanDependents !== undefined) {
      throw invalid('meta.k8s.io', 'DeleteOptions', '', [{ type: 'FieldValueInvalid', field: 'propagationPolicy', detail: `Invalid value: "${policy}": orphanDependents and deletionPropagation cannot be both set` }]);
    }
    if (!(PROPAGATION_POLICIES as readonly string[]).includes(policy)) {
      throw invalid('meta.k8s.io', 'DeleteOptions', '', [{ type: 'FieldValueNotSupported', field: 'propagationPolicy', detail: `Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"` }]);
    }
    out.propagation = policy as PropagationPolicy;
  } else if (orphanDependents !== undefined) {
    out.propagation = orphanDependents ? 'Orphan' : 'Background';
  }
  return out;
}

/** The garbage collector's finalizer for a propagation policy (deletionFinalizersForGarbageCollection). */
const PROPAGATION_FINALIZER: Partial<Record<PropagationPolicy, string>> = { Orphan: 'orphan', Foreground: 'foregroundDeletion' };

export function planDeletion(live: KubeObject, requested: RequestedDeletion, gracePeriodOf: GracePeriodOf | undefined, now: Date): DeletionPlan {
  const finalizer = requested.propagation && PROPAGATION_FINALIZER[requested.propagation];
  if (finalizer && !live.metadata.deletionTimestamp && !(live.metadata.finalizers ?? []).includes(finalizer)) {
    // The finalizer holds the object until the garbage collector has dealt with its dependents.
    live = { ...live, metadata: { ...live.metadata, finalizers: [...(live.metadata.finalizers ?? []), finalizer] } };
  }
  return planGracefulDeletion(live, requested.gracePeriod, gracePeriodOf, now);
}

function planGracefulDeletion(live: KubeObject, requested: number | undefined, gracePeriodOf: GracePeriodOf | undefined, now: Date): DeletionPlan {
  const meta = live.metadata;
  const finalizers = (meta.finalizers ?? []).length > 0;
  // Negative periods count as 1 s on the delete path.
  const wanted = requested !== undefined && requested < 0 ? 1 : requested;
  const pendingGrace = meta.deletionGracePeriodSeconds as number | undefined;

  if (!gracePeriodOf || (meta.deletionTimestamp && !pendingGrace)) {
    if (!finalizers) return { action: 'remove' };
    return markAsDeleting(live, now);
  }
  if (meta.deletionTimestamp) {
    if (wanted === undefined || wanted >= pendingGrace!) return { action: 'keep' };
    // Move the deletion time back by the old period and forward by the new one, never into the past.
    let at = Date.parse(meta.deletionTimestamp) - pendingGrace! * 1000 + wanted * 1000;
    let period = wanted;
    if (at < now.getTime()) {
      at = now.getTime();
      if (period !== 0) period = 1; // still graceful: someone else makes the final delete
    }
    if (period === 0 && !finalizers) return { action: 'remove' };
    return { action: 'mark', object: withDeletion(live, new Date(at), period, false) };
  }
  const period = gracePeriodOf(live, wanted);
  if (period === 0 && !finalizers) return { action: 'remove' };
  return { action: 'mark', object: withDeletion(live, new Date(now.getTime() + period * 1000), period, true) };
}

/** markAsDeleting: a kind without graceful deletion, held by its finalizers. */
function markAsDeleting(live: KubeObject, now: Date): DeletionPlan {
  const current = live.metadata.deletionTimestamp;
  const at = !current || Date.parse(current) > now.getTime() ? now : new Date(Date.parse(current));
  const object = withDeletion(live, at, 0, !current);
  const unchanged = object.metadata.deletionTimestamp === current && live.metadata.deletionGracePeriodSeconds === 0;
  return unchanged ? { action: 'keep' } : { action: 'mark', object };
}

function withDeletion(live: KubeObject, at: Date, period: number, first: boolean): KubeObject {
  const metadata = { ...live.metadata, deletionTimestamp: formatTime(at), deletionGracePeriodSeconds: period };
  // The first deletion bumps a tracked generation, so controllers see the change.
  if (first && (live.metadata.generation ?? 0) > 0) metadata.generation = live.metadata.generation! + 1;
  return { ...live, metadata };
}

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
import { badRequest } from '../status.js';

export type DeletionPlan =
  /** Remove from storage now. */
  | { action: 'remove' }
  /** Store this object (deletion marked or shortened); it stays. */
  | { action: 'mark'; object: KubeObject }
  /** A deletion is already pending and this request changes nothing. */
  | { action: 'keep' };

/** CheckGracefulDelete of the kind, if it deletes gracefully. */
export type GracePeriodOf = (obj: KubeObject, requested: number | undefined) => number;

const deleteOptionsSchema = z.object({ gracePeriodSeconds: z.number().int().nullish() }).passthrough();

/**
 * DeleteOptions.gracePeriodSeconds from the body (JSON, as kubectl sends it) or the query
 * parameter of the same name; undefined when neither sets it.
 */
export function requestedGracePeriod(body: Record<string, unknown> | undefined, query: URLSearchParams): number | undefined {
  const fromQuery = query.get('gracePeriodSeconds');
  if (fromQuery !== null) {
    if (!/^-?\d+$/.test(fromQuery)) throw badRequest(`gracePeriodSeconds must be a whole number of seconds, not ${JSON.stringify(fromQuery)}`);
    return Number(fromQuery);
  }
  if (!body) return undefined;
  const parsed = deleteOptionsSchema.safeParse(body);
  if (!parsed.success) throw badRequest('DeleteOptions.gracePeriodSeconds must be a whole number of seconds');
  return parsed.data.gracePeriodSeconds ?? undefined;
}

export function planDeletion(live: KubeObject, requested: number | undefined, gracePeriodOf: GracePeriodOf | undefined, now: Date): DeletionPlan {
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

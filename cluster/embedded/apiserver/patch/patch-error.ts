// Errors the PATCH engines return as values, shaped like the metav1.Status kube-apiserver sends.
// The server turns one into its Status response (see ../status.ts).

import type { StatusDetails } from '../status.js';

export interface PatchError {
  code: number;
  /** metav1.StatusReason; '' for plain Go errors, which the apiserver answers as 500 without a reason. */
  reason: string;
  message: string;
  details?: StatusDetails;
  /**
   * What actually went wrong when the apiserver answers with a generic message instead (a failed
   * JSON-patch operation is a bare 422). Never sent to clients; it is for logs and tests.
   */
  cause?: string;
}

export type PatchResult = { object: Record<string, unknown> } | { error: PatchError };

export function badRequest(message: string): PatchError {
  return { code: 400, reason: 'BadRequest', message };
}

/** apierrors.NewGenericServerResponse(422, ...): the server's own text is dropped from the Status. */
export function rejected(cause: string): PatchError {
  return {
    code: 422,
    reason: 'Invalid',
    message: 'the server rejected our request due to an error in our request',
    details: {},
    cause,
  };
}

/** A plain Go error reaching the handler: 500, no reason, the error text as message. */
export function internalError(message: string): PatchError {
  return { code: 500, reason: '', message };
}

/**
 * apierrors.NewInvalid(kind, name, errs) with one field error. An empty group and kind print as
 * nothing, which is why patch-decoding failures read ` "" is invalid: patch: ...` upstream.
 */
export function invalid(
  group: string,
  kind: string,
  name: string,
  cause: { reason: string; field: string; detail: string },
): PatchError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const details: StatusDetails = { name, kind, causes: [{ reason: cause.reason, message: cause.detail, field: cause.field }] };
  if (group) details.group = group;
  if (!name) delete details.name;
  if (!kind) delete details.kind;
  return {
    code: 422,
    reason: 'Invalid',
    message: `${qualifiedKind} ${JSON.stringify(name)} is invalid: ${cause.field}: ${cause.detail}`,
    details,
  };
}

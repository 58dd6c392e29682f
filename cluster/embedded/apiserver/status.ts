// metav1.Status errors with the messages and details kube-apiserver's apierrors package builds.
// Handlers throw ApiError; the server turns it into the JSON Status response.

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = this.details;
    if (this.reason === '') delete body.reason;
    return body;
  }
}

/** "clusterroles.rbac.authorization.k8s.io" or "pods": a GroupResource as errors print it. */
export function groupResource(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

function details(group: string, resource: string, name: string): StatusDetails {
  // Go omits empty fields (omitempty): a forbidden list has no name.
  const d: StatusDetails = name ? { name } : {};
  if (group) d.group = group;
  d.kind = resource;
  return d;
}

export function notFound(group: string, resource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${groupResource(group, resource)} "${name}" not found`, details(group, resource, name));
}

export function alreadyExists(group: string, resource: string, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${groupResource(group, resource)} "${name}" already exists`,
    details(group, resource, name),
  );
}

export function conflict(group: string, resource: string, name: string, cause: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${groupResource(group, resource)} "${name}": ${cause}`,
    details(group, resource, name),
  );
}

export function forbidden(group: string, resource: string, name: string, cause: string): ApiError {
  const prefix = name ? `${groupResource(group, resource)} "${name}"` : groupResource(group, resource);
  return new ApiError(403, 'Forbidden', `${prefix} is forbidden: ${cause}`, details(group, resource, name));
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/**
 * go-restful found the path but no route for the method (the installer registers only the verbs
 * a resource supports): serviceErrorHandler's NewGenericServerResponse for a 405.
 */
export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

/** errors.NewMethodNotSupported: a handler that has the route but not the action (a watch of what only lists). */
export function methodNotSupported(group: string, resource: string, action: string): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    `${action} is not supported on resources of kind "${groupResource(group, resource)}"`,
    group ? { group, kind: resource } : { kind: resource },
  );
}

export function unsupportedMediaType(): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
  );
}

export function tooLarge(): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function notFoundPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ reason: '', message }],
  });
}

export interface FieldError {
  type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueDuplicate' | 'FieldValueTooLong';
  field: string;
  /** The message without the field path, e.g. `Required value: verbs must contain at least one value`. */
  detail: string;
}

/** 422 Invalid: `Kind.group "name" is invalid: field: detail` (several: `[a, b]`). */
export function invalid(group: string, kind: string, name: string, errors: FieldError[]): ApiError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const parts = errors.map((e) => `${e.field}: ${e.detail}`);
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  // Go's StatusDetails leaves an empty name out (omitempty), as for ListOptions or a review.
  const d: StatusDetails = {};
  if (name) d.name = name;
  if (group) d.group = group;
  d.kind = kind;
  // Go's StatusCause leaves an empty field out (omitempty).
  d.causes = errors.map((e) => (e.field ? { reason: e.type, message: e.detail, field: e.field } : { reason: e.type, message: e.detail }));
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${summary}`, d);
}

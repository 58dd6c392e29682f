// The last word on every failed request: the contract's error JSON, never a stack trace and
// never a crash. Anything that is not an ApiError is logged and answered with a generic 500.

import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from './api-error.js';

export function apiNotFound(): RequestHandler {
  return (req) => {
    throw new ApiError(404, 'NOT_FOUND', `There is no API route ${req.method} ${req.path}.`, 'See docs/web-api.md for the routes the lab serves.');
  };
}

export function errorMiddleware(log: (line: string) => void): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const error = asApiError(err);
    if (error.status >= 500 && !(err instanceof ApiError)) log(`kubelab: ${req.method} ${req.originalUrl} failed: ${(err as Error)?.stack ?? String(err)}`);
    res.status(error.status).set(error.headers).json(error.body());
  };
}

/** body-parser's errors carry `type`; everything unknown is a 500. */
function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 64 KiB.', 'Send a smaller body.');
  if (type === 'entity.parse.failed') return new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON.', 'Send a JSON object with Content-Type: application/json.');
  if (typeof type === 'string') return new ApiError(400, 'INVALID_BODY', `The request body could not be read (${type}).`, 'Send a JSON object with Content-Type: application/json.');
  return new ApiError(500, 'INTERNAL', 'The lab server failed on this request; the details are in its log.', 'Try again; if it keeps failing, restart `kubelab start` and report what its output says.');
}

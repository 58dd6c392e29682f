// Every body, path parameter, query and socket payload goes through a zod schema; a mismatch is a
// 400 that names each wrong field.

import type { z } from 'zod';
import { ApiError } from './api-error.js';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  throw new ApiError(400, 'INVALID_REQUEST', `The ${what} is not valid: ${problems.join('; ')}.`, 'Correct the request as described; docs/web-api.md lists every field.');
}

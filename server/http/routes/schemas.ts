// zod schemas for what the routes accept (docs/web-api.md).

import { z } from 'zod';
import { KUBE_VERSIONS } from '../../../cluster/versions.js';
import { subjectSchema } from '../../scenarios/schema.js';

export const versionSchema = z.enum(KUBE_VERSIONS, { error: `version must be one of ${KUBE_VERSIONS.join(', ')}` });
export const scenarioIdSchema = z.string().min(1).max(100);

export const startLabBody = z.object({ scenarioId: scenarioIdSchema, version: versionSchema }).strict();
export const accessMatrixBody = z.object({ subject: subjectSchema.max(300) }).strict();

export const scenarioParams = z.object({ id: scenarioIdSchema });
export const scenarioQuery = z.object({ version: versionSchema.optional() });

const count = (max: number) => z.string().regex(/^\d{1,4}$/, { error: 'must be a whole number' }).transform(Number).pipe(z.number().int().min(0).max(max));

export const stepParams = z.object({ n: count(99).pipe(z.number().min(1, { error: 'steps are numbered from 1' })) });
export const hintsQuery = z.object({ count: count(50).optional() });
export const decisionsQuery = z.object({ limit: count(2000).optional() });

/** Display names are shown as text everywhere; control characters would still garble a CSV or a terminal title. */
const displayName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, { error: 'enter a display name' }).max(40, { error: 'at most 40 characters' }).regex(/^[^\p{Cc}\p{Cf}]+$/u, { error: 'letters, digits, spaces and punctuation only' }));

export const claimBody = z.object({ secret: z.string().min(1).max(200) }).strict();
export const joinBody = z.object({ code: z.string().min(1).max(20), displayName }).strict();
export const newClassBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    scenarioIds: z.array(scenarioIdSchema).min(1).max(50),
    versions: z.array(versionSchema).min(1).max(KUBE_VERSIONS.length),
    // Fractions allow short drills (0.5 = 30 s); ten hours is more than any exam.
    examMinutes: z.number().min(0.1).max(600).nullable().optional(),
  })
  .strict();
export const classParams = z.object({ id: z.string().min(1).max(64) });
export const learnerParams = z.object({ id: z.string().min(1).max(64), learnerId: z.string().min(1).max(64) });

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

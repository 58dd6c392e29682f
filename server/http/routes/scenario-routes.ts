// The catalog (with the learner's progress) and one scenario's text for a version.

import express, { type Router } from 'express';
import { ApiError, scenarioNotFound } from '../api-error.js';
import type { ApiContext } from '../api-context.js';
import { requireSession } from '../session-middleware.js';
import { parseInput } from '../validation.js';
import { catalogEntry, scenarioPage } from '../../content/scenario-pages.js';
import { scenarioParams, scenarioQuery } from './schemas.js';

export function scenarioRoutes(ctx: ApiContext): Router {
  const router = express.Router();

  router.get('/scenarios', (_req, res) => {
    const session = requireSession(res);
    ctx.policy.browse(session);
    const offered = [...ctx.scenarios.values()].filter((s) => ctx.policy.offers(session, s));
    res.json(offered.map((s) => catalogEntry(s, session.progress.summary(s))));
  });

  router.get('/scenarios/:id', (req, res) => {
    const session = requireSession(res);
    ctx.policy.browse(session);
    const { id } = parseInput(scenarioParams, req.params, 'scenario path');
    const { version } = parseInput(scenarioQuery, req.query, 'query');
    const scenario = ctx.scenarios.get(id);
    if (!scenario || !ctx.policy.offers(session, scenario)) throw scenarioNotFound(id);
    // Without ?version=, the version of this session's lab of the scenario, else its first one.
    const lab = session.lab?.scenario.id === id ? session.lab : undefined;
    const chosen = version ?? lab?.version ?? scenario.versions[0]!;
    if (!scenario.versions.includes(chosen)) {
      throw new ApiError(400, 'VERSION_NOT_OFFERED', `Scenario "${id}" does not run on v${chosen}.`, `Pick one of its versions: ${scenario.versions.join(', ')}.`);
    }
    if (!lab && session.role !== 'instructor') ctx.labs.prepareSpare(scenario, chosen);
    res.json(scenarioPage(scenario, chosen));
  });

  return router;
}

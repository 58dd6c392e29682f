// The session's lab: start, look, reset, delete; grade a step, hints, the solution after a first
// check, the kubelets' decision log, and the access matrix.

import { readFileSync } from 'node:fs';
import express, { type Router } from 'express';
import { computeAccessMatrix } from '../../access-matrix/access-matrix.js';
import { rbacObjectsOf } from '../../access-matrix/version-policy.js';
import { parseSubject } from '../../grading/identities.js';
import { stepOf } from '../../lab/lab-manager.js';
import { ApiError, noLab, scenarioNotFound } from '../api-error.js';
import type { ApiContext } from '../api-context.js';
import { requireSession } from '../session-middleware.js';
import { parseInput } from '../validation.js';
import { accessMatrixBody, decisionsQuery, hintsQuery, startLabBody, stepParams } from './schemas.js';

const DEFAULT_DECISIONS = 100;

export function labRoutes(ctx: ApiContext): Router {
  const router = express.Router();
  const { labs, policy } = ctx;
  // Every lab route is a learner's: in classroom mode only for one who joined a class.
  router.use(['/lab', '/access-matrix'], (_req, res, next) => {
    policy.admit(requireSession(res));
    next();
  });

  router.post('/lab', async (req, res) => {
    const session = requireSession(res);
    const { scenarioId, version } = parseInput(startLabBody, req.body, 'request body');
    const scenario = ctx.scenarios.get(scenarioId);
    if (!scenario) throw scenarioNotFound(scenarioId);
    if (!scenario.versions.includes(version)) {
      throw new ApiError(400, 'VERSION_NOT_OFFERED', `Scenario "${scenarioId}" does not run on v${version}.`, `Pick one of its versions: ${scenario.versions.join(', ')}.`);
    }
    policy.canStart(session, scenario, version);
    policy.may(session, 'lab');
    const current = session.lab;
    const sameLab = current?.scenario.id === scenarioId && current.version === version && current.state !== 'failed';
    if (!sameLab) session.labBucket.takeOrThrow('lab start');
    res.json(await labs.start(session, scenario, version));
  });

  router.get('/lab', (_req, res) => {
    const lab = requireSession(res).lab;
    if (!lab) throw noLab();
    res.json(lab.view());
  });

  router.post('/lab/reset', async (_req, res) => {
    const session = requireSession(res);
    if (!session.lab) throw noLab();
    policy.may(session, 'lab');
    session.labBucket.takeOrThrow('reset');
    res.json(await labs.reset(session));
  });

  router.delete('/lab', async (_req, res) => {
    await labs.remove(requireSession(res));
    res.status(204).end();
  });

  router.post('/lab/steps/:n/check', async (req, res) => {
    const session = requireSession(res);
    const { n } = parseInput(stepParams, req.params, 'step number');
    policy.may(session, 'check');
    labs.readyLab(session);
    session.checkBucket.takeOrThrow('check');
    res.json(await labs.check(session, n));
  });

  router.get('/lab/steps/:n/hints', (req, res) => {
    const session = requireSession(res);
    policy.may(session, 'hints');
    const lab = session.lab;
    const { n } = parseInput(stepParams, req.params, 'step number');
    const { count = 1 } = parseInput(hintsQuery, req.query, 'query');
    if (!lab) throw noLab();
    res.json({ hints: stepOf(lab, n).hints.slice(0, count) });
  });

  router.get('/lab/steps/:n/solution', (req, res) => {
    const session = requireSession(res);
    const { n } = parseInput(stepParams, req.params, 'step number');
    policy.may(session, 'solution');
    const lab = session.lab;
    if (!lab) throw noLab();
    const step = stepOf(lab, n);
    if (!session.progress.hasChecked(lab.scenario.id, lab.version, n)) {
      throw new ApiError(409, 'CHECK_FIRST', `The solution of step ${n} opens after your first check of that step.`, `Try the step, press Check, then ask for the solution.`);
    }
    res.json({ script: readFileSync(step.solution, 'utf8') });
  });

  router.get('/lab/decisions', (req, res) => {
    const session = requireSession(res);
    const { limit = DEFAULT_DECISIONS } = parseInput(decisionsQuery, req.query, 'query');
    const { cluster } = labs.readyLab(session);
    const oldestFirst = cluster.decisions();
    res.json(oldestFirst.slice(Math.max(0, oldestFirst.length - limit)).reverse());
  });

  router.post('/access-matrix', (req, res) => {
    const session = requireSession(res);
    policy.may(session, 'access-matrix');
    const { subject } = parseInput(accessMatrixBody, req.body, 'request body');
    const { cluster } = labs.readyLab(session);
    res.json(
      computeAccessMatrix({
        subject: parseSubject(subject),
        objects: rbacObjectsOf(cluster.store),
        spec: cluster.spec,
        nodeName: cluster.nodes[0]?.name ?? '',
      }),
    );
  });

  return router;
}

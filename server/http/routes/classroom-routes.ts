// Classroom mode (docs/web-api.md, "Classroom and exam mode"): the instructor's claim, classes,
// roster, grading on demand and exports; learners joining; a learner's exam clock and report.

import express, { type Router, type Response } from 'express';
import type { Classroom } from '../../classroom/classroom.js';
import { classExportCsv, classExportJson } from '../../classroom/class-export.js';
import { claimInstructorSecret } from '../../classroom/instructor-secret.js';
import type { Journal } from '../../persistence/journal.js';
import type { Session } from '../../sessions.js';
import { hashSessionId } from '../../store/store.js';
import { ApiError } from '../api-error.js';
import { TokenBucket } from '../rate-limit.js';
import { requireSession } from '../session-middleware.js';
import { parseInput } from '../validation.js';
import { claimBody, classParams, joinBody, learnerParams, newClassBody } from './schemas.js';

export interface ClassroomRouteContext {
  classroom: Classroom;
  journal: Journal;
  now?: () => Date;
}

/** Per client address: guessing join codes or the instructor secret must be slow. */
class AddressBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly spec: { capacity: number; refillPerSecond: number }) {}

  take(address: string | undefined, what: string): void {
    const key = address ?? 'unknown';
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 10_000) this.buckets.clear(); // bounded: a flood of addresses resets it
      bucket = new TokenBucket(this.spec);
      this.buckets.set(key, bucket);
    }
    bucket.takeOrThrow(what);
  }
}

export function requireInstructor(res: Response): Session {
  const session = requireSession(res);
  if (session.role !== 'instructor') throw new ApiError(403, 'INSTRUCTOR_ONLY', 'Only the instructor may do this.', 'Open the instructor URL that `kubelab start --classroom` printed.');
  return session;
}

export function classroomRoutes(ctx: ClassroomRouteContext): Router {
  const router = express.Router();
  const { classroom, journal } = ctx;
  const now = ctx.now ?? (() => new Date());
  const claims = new AddressBuckets({ capacity: 5, refillPerSecond: 0.1 });
  // A whole class may join from one NAT address within a minute; 31^8 codes make guessing hopeless anyway.
  const joins = new AddressBuckets({ capacity: 120, refillPerSecond: 2 });

  router.post('/instructor/claim', (req, res) => {
    const session = requireSession(res);
    claims.take(req.socket.remoteAddress, 'instructor claim');
    const { secret } = parseInput(claimBody, req.body, 'request body');
    if (session.role !== 'instructor') {
      if (!claimInstructorSecret(journal.store, secret, now())) {
        throw new ApiError(403, 'INVALID_SECRET', 'This instructor link is wrong or has been used already.', 'Restart `kubelab start --classroom`: it prints a new instructor link.');
      }
      journal.store.sessions.setRole(hashSessionId(session.id), 'instructor');
      session.role = 'instructor';
      journal.event(session, 'instructor.claimed', {});
    }
    res.json({ role: 'instructor' });
  });

  router.get('/classes', (_req, res) => {
    requireInstructor(res);
    res.json(classroom.classes());
  });

  router.post('/classes', (req, res) => {
    requireInstructor(res);
    res.status(201).json(classroom.createClass(parseInput(newClassBody, req.body, 'request body')));
  });

  router.get('/classes/:id/roster', (req, res) => {
    requireInstructor(res);
    res.json(classroom.roster(parseInput(classParams, req.params, 'class path').id));
  });

  router.post('/classes/:id/learners/:learnerId/grade', async (req, res) => {
    requireInstructor(res);
    const { id, learnerId } = parseInput(learnerParams, req.params, 'learner path');
    res.json(await classroom.grade(id, learnerId));
  });

  router.post('/classes/:id/close', async (req, res) => {
    requireInstructor(res);
    res.json(await classroom.close(parseInput(classParams, req.params, 'class path').id));
  });

  router.get('/classes/:id/export.csv', (req, res) => {
    requireInstructor(res);
    const klass = classroom.requireClass(parseInput(classParams, req.params, 'class path').id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${downloadName(klass.name)}.csv"`);
    res.send(classExportCsv(classroom, klass));
  });

  router.get('/classes/:id/export.json', (req, res) => {
    requireInstructor(res);
    const klass = classroom.requireClass(parseInput(classParams, req.params, 'class path').id);
    res.setHeader('Content-Disposition', `attachment; filename="${downloadName(klass.name)}.json"`);
    res.json(classExportJson(classroom, klass, now()));
  });

  router.post('/join', (req, res) => {
    const session = requireSession(res);
    joins.take(req.socket.remoteAddress, 'join');
    const { code, displayName } = parseInput(joinBody, req.body, 'request body');
    res.json(classroom.join(session, code, displayName));
  });

  router.get('/exam', (_req, res) => {
    const session = requireSession(res);
    res.json(classroom.examStatus(session, now()));
  });

  return router;
}

/** A file name from a class name: what every OS accepts, nothing that breaks the header. */
function downloadName(className: string): string {
  return `kubelab-${className.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'class'}`;
}

// GET /api/session: the one place a session starts (and its cookie is set).

import express, { type Router } from 'express';
import type { ApiContext } from '../api-context.js';
import { newSessionId, sessionCookieHeader } from '../session-cookie.js';
import { optionalSession } from '../session-middleware.js';

export function sessionRoutes(ctx: ApiContext): Router {
  const router = express.Router();
  router.get('/session', (_req, res) => {
    const session = optionalSession(res) ?? ctx.sessions.create(newSessionId());
    // Sent every time, so the cookie's Max-Age counts from the last visit.
    res.setHeader('Set-Cookie', sessionCookieHeader(ctx.signer.sign(session.id)));
    if (!ctx.classroom) return void res.json({ id: session.id, csrf: session.csrf, mode: ctx.mode, runtime: ctx.runtime });
    const klass = session.learner?.classId ? ctx.classroom.summaryOf(session.learner.classId) : undefined;
    res.json({
      id: session.id,
      csrf: session.csrf,
      mode: klass?.examMinutes ? 'exam' : 'classroom',
      runtime: ctx.runtime,
      role: session.role,
      ...(session.learner && klass ? { learner: { id: session.learner.id, displayName: session.learner.displayName }, class: klass } : {}),
    });
  });
  return router;
}

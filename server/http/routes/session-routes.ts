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
    res.json({ id: session.id, csrf: session.csrf, mode: ctx.mode, runtime: ctx.runtime });
  });
  return router;
}

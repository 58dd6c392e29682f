// Finds the request's session from its signed cookie, and guards mutating routes with the CSRF
// header: a form or fetch from another site can carry our cookie (were SameSite ever bypassed)
// but cannot read the token that GET /api/session hands to our own page.

import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { ApiError, noSession } from './api-error.js';
import { readCookie, SESSION_COOKIE, type CookieSigner } from './session-cookie.js';
import type { Session, SessionStore } from '../sessions.js';

export const CSRF_HEADER = 'x-kubelab-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class SessionGate {
  constructor(
    private readonly sessions: SessionStore,
    private readonly signer: CookieSigner,
  ) {}

  /** The session a request's cookie names; a well-signed cookie from before a restart gets a fresh session under its id. */
  sessionOf(req: IncomingMessage): Session | undefined {
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    const id = cookie === undefined ? undefined : this.signer.verify(cookie);
    if (id === undefined) return undefined;
    return this.sessions.get(id) ?? this.sessions.create(id);
  }

  attach(): RequestHandler {
    return (req, res, next) => {
      const session = this.sessionOf(req);
      if (session) {
        session.touch();
        res.locals.session = session;
      }
      next();
    };
  }

  csrf(): RequestHandler {
    return (req, res, next) => {
      if (SAFE_METHODS.has(req.method)) return next();
      // Belt and braces: a browser names the page that sent a cross-site request.
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
        throw new ApiError(403, 'FOREIGN_ORIGIN', `This request comes from a page of another site (${origin}).`, 'Use the lab from its own address.');
      }
      const session = requireSession(res);
      const given = Buffer.from(String(req.headers[CSRF_HEADER] ?? ''));
      const expected = Buffer.from(session.csrf);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ApiError(403, 'CSRF_MISMATCH', 'This request lacks the X-Kubelab-CSRF header of your session.', 'Reload the page and try again.');
      }
      next();
    };
  }
}

export function optionalSession(res: Response): Session | undefined {
  return res.locals.session as Session | undefined;
}

export function requireSession(res: Response): Session {
  const session = optionalSession(res);
  if (!session) throw noSession();
  return session;
}

// Browser sessions, keyed by the sha256 of the cookie's session id (see hashSessionId).

import { createHash } from 'node:crypto';
import type { Role, SessionRecord } from './records.js';
import { expectOneRow, type Db } from './sql.js';

export interface SessionsRepository {
  get(id: string): SessionRecord | undefined;
  /** Inserts, or replaces everything but createdAt. */
  upsert(r: SessionRecord): void;
  touch(id: string, at: string): void;
  bindLearner(id: string, learnerId: string): void;
  setRole(id: string, role: Role): void;
  /** The session a learner last used (a learner has one browser session, but be safe). */
  ofLearner(learnerId: string): SessionRecord | undefined;
}

/** The key a session is stored under: the raw id in the cookie is a credential. */
export function hashSessionId(rawId: string): string {
  return createHash('sha256').update(rawId).digest('hex');
}

export function sessionsRepository(db: Db): SessionsRepository {
  const get = db.prepare<[string], SessionRecord>(
    'SELECT id, role, learner_id AS learnerId, created_at AS createdAt, last_seen_at AS lastSeenAt FROM sessions WHERE id = ?',
  );
  const upsert = db.prepare<SessionRecord>(
    `INSERT INTO sessions (id, role, learner_id, created_at, last_seen_at) VALUES (@id, @role, @learnerId, @createdAt, @lastSeenAt)
     ON CONFLICT (id) DO UPDATE SET role = excluded.role, learner_id = excluded.learner_id, last_seen_at = excluded.last_seen_at`,
  );
  const touch = db.prepare<[string, string]>('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
  const bindLearner = db.prepare<[string, string]>('UPDATE sessions SET learner_id = ? WHERE id = ?');
  const setRole = db.prepare<[Role, string]>('UPDATE sessions SET role = ? WHERE id = ?');
  const ofLearner = db.prepare<[string], SessionRecord>(
    'SELECT id, role, learner_id AS learnerId, created_at AS createdAt, last_seen_at AS lastSeenAt FROM sessions WHERE learner_id = ? ORDER BY last_seen_at DESC LIMIT 1',
  );

  return {
    get: (id) => get.get(id),
    upsert: (r) => void upsert.run(r),
    touch: (id, at) => expectOneRow(touch.run(at, id), 'session', id),
    bindLearner: (id, learnerId) => expectOneRow(bindLearner.run(learnerId, id), 'session', id),
    setRole: (id, role) => expectOneRow(setRole.run(role, id), 'session', id),
    ofLearner: (learnerId) => ofLearner.get(learnerId),
  };
}

// A browser's session: what the cookie names. It holds who it is (in classroom mode: nobody yet,
// a learner or the instructor), the learner's progress, at most one lab and one shell, a CSRF
// token, and rate limits. Live sessions are kept in memory; with a journal (SQLite), a session a
// restarted server has not seen yet is loaded from it with its identity and progress.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ProgressBook } from './lab/progress.js';
import type { Lab } from './lab/lab.js';
import { TokenBucket } from './http/rate-limit.js';
import type { Terminal } from './terminal/terminal.js';
import { hashSessionId } from './store/store.js';

export type SessionRole = 'none' | 'learner' | 'instructor';

export interface SessionLearner {
  id: string;
  displayName: string;
  /** The class joined; null for a practice learner. */
  classId: string | null;
}

export class Session {
  role: SessionRole = 'none';
  learner: SessionLearner | undefined;
  readonly csrf = randomBytes(24).toString('base64url');
  readonly progress = new ProgressBook();
  /** Grading requests. */
  readonly checkBucket = new TokenBucket({ capacity: 10, refillPerSecond: 1 });
  /** Starting and resetting clusters. */
  readonly labBucket = new TokenBucket({ capacity: 5, refillPerSecond: 0.2 });
  lab: Lab | undefined;
  terminal: Terminal | undefined;
  lastActivity = Date.now();
  /** Open socket.io connections of this session's browsers: online when above 0. */
  sockets = 0;
  /** Lab operations (start, reset, delete) run one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    /** HOME, bin folder, kubeconfig and rc file of this session's shell and cluster. */
    readonly dir: string,
  ) {}

  touch(): void {
    this.lastActivity = Date.now();
  }

  serially<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Where sessions outlive the process (server/persistence/journal.ts). */
export interface SessionJournal {
  /** Fills in what an earlier run of the server knew of this session; false if it never saw it. */
  load(session: Session): boolean;
  created(session: Session): void;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly dataDir: string,
    private readonly journal?: SessionJournal,
    /** Called with a session loaded from the journal, e.g. to bring its lab back. */
    private readonly onLoad: (session: Session) => void = () => {},
    /** Beyond this, the least recently used sessions without a lab or shell are forgotten (the journal keeps them). */
    private readonly maxSessions = 1000,
  ) {}

  /** The live session, or one the journal remembers (loaded into memory). */
  get(id: string): Session | undefined {
    const live = this.sessions.get(id);
    if (live || !this.journal) return live;
    const session = this.newSession(id);
    if (!this.journal.load(session)) return undefined;
    this.remember(session);
    this.onLoad(session);
    return session;
  }

  create(id: string): Session {
    const session = this.newSession(id);
    this.journal?.created(session);
    this.remember(session);
    return session;
  }

  private newSession(id: string): Session {
    return new Session(id, this.folderOf(hashSessionId(id)));
  }

  /**
   * A session of a learner whose browser is gone, registered nowhere: for work done on their
   * behalf (grading an exam at its deadline). It shares the folder of their session `key`.
   */
  detached(key: string, learner: SessionLearner): Session {
    const session = new Session(`detached:${key}`, this.folderOf(key));
    session.role = 'learner';
    session.learner = learner;
    return session;
  }

  /** The folder is named by the stored hash: the id itself is half of a credential. */
  private folderOf(key: string): string {
    return join(this.dataDir, 'sessions', key.slice(0, 16));
  }

  private remember(session: Session): void {
    this.sessions.set(session.id, session);
    this.evictIdle();
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  private evictIdle(): void {
    if (this.sessions.size <= this.maxSessions) return;
    const idle = this.all()
      .filter((s) => !s.lab && !s.terminal)
      .sort((a, b) => a.lastActivity - b.lastActivity);
    for (const s of idle.slice(0, this.sessions.size - this.maxSessions)) this.sessions.delete(s.id);
  }
}


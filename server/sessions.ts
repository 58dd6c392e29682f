// A learner's session: what the cookie names. It holds their progress, at most one lab and one
// shell, a CSRF token, and rate limits. Sessions live in memory; a server restarted with the same
// data directory still accepts the cookies it signed and starts such a session afresh.

import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ProgressBook } from './lab/progress.js';
import type { Lab } from './lab/lab.js';
import { TokenBucket } from './http/rate-limit.js';
import type { Terminal } from './terminal/terminal.js';

export class Session {
  readonly csrf = randomBytes(24).toString('base64url');
  readonly progress = new ProgressBook();
  /** Grading requests. */
  readonly checkBucket = new TokenBucket({ capacity: 10, refillPerSecond: 1 });
  /** Starting and resetting clusters. */
  readonly labBucket = new TokenBucket({ capacity: 5, refillPerSecond: 0.2 });
  lab: Lab | undefined;
  terminal: Terminal | undefined;
  lastActivity = Date.now();
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

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly dataDir: string,
    /** Beyond this, the least recently used sessions without a lab or shell are forgotten. */
    private readonly maxSessions = 1000,
  ) {}

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  create(id: string): Session {
    // The folder is named by a hash: the id itself is half of a credential.
    const dir = join(this.dataDir, 'sessions', createHash('sha256').update(id).digest('hex').slice(0, 16));
    const session = new Session(id, dir);
    this.sessions.set(id, session);
    this.evictIdle();
    return session;
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

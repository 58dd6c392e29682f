// The classroom's persistence: one SQLite file (WAL) holding sessions, classes, learners,
// attempts, check results with their evidence, events, cluster snapshots and instructor secrets.
// Each repository prepares its statements once, here, when the store opens.

import { attemptsRepository, type AttemptsRepository } from './attempts.js';
import { checksRepository, type ChecksRepository } from './checks.js';
import { classesRepository, type ClassesRepository } from './classes.js';
import { eventsRepository, type EventsRepository } from './events.js';
import { instructorSecretsRepository, type InstructorSecretsRepository } from './instructor-secrets.js';
import { learnersRepository, type LearnersRepository } from './learners.js';
import { openDatabase } from './open-database.js';
import { sessionsRepository, type SessionsRepository } from './sessions.js';
import { snapshotsRepository, type SnapshotsRepository } from './snapshots.js';

export { formatJoinCode } from './join-code.js';
export { hashSessionId } from './sessions.js';
export { StoreError } from './store-error.js';
export type * from './records.js';

export interface Store {
  readonly file: string;
  close(): void;
  /** Runs fn in one transaction (better-sqlite3 transaction), returns its result. Nests as a savepoint. */
  transaction<T>(fn: () => T): T;
  sessions: SessionsRepository;
  classes: ClassesRepository;
  learners: LearnersRepository;
  attempts: AttemptsRepository;
  checks: ChecksRepository;
  events: EventsRepository;
  snapshots: SnapshotsRepository;
  instructorSecrets: InstructorSecretsRepository;
}

export interface StoreOptions {
  /** The clock for the times the store stamps itself (createdAt, updatedAt, event at). */
  now?: () => Date;
  /** How long to wait for another process's write lock before failing; default 5 s. */
  busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Opens (creating and migrating as needed) the database at file, e.g. <dataDir>/kubelab.db; ':memory:' is allowed. */
export function openStore(file: string, opts: StoreOptions = {}): Store {
  const db = openDatabase(file, opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  const now = opts.now ?? (() => new Date());
  const clock = () => now().toISOString();
  return {
    file,
    close: () => void db.close(),
    transaction: (fn) => db.transaction(fn)(),
    sessions: sessionsRepository(db),
    classes: classesRepository(db, clock),
    learners: learnersRepository(db, clock),
    attempts: attemptsRepository(db),
    checks: checksRepository(db),
    events: eventsRepository(db, clock),
    snapshots: snapshotsRepository(db, clock),
    instructorSecrets: instructorSecretsRepository(db, clock),
  };
}

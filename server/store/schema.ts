// The database schema as an ordered list of migrations. PRAGMA user_version counts the ones
// applied; at open, the missing ones run in one write transaction, so a crash mid-upgrade leaves
// the previous version intact. Append new steps; never edit a released one.

import type { Db } from './sql.js';
import { StoreError } from './store-error.js';

export const MIGRATIONS: readonly string[] = [
  // 1: classroom persistence.
  `
  CREATE TABLE classes (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    join_code    TEXT NOT NULL UNIQUE,
    scenario_ids TEXT NOT NULL CHECK (json_valid(scenario_ids)),
    versions     TEXT NOT NULL CHECK (json_valid(versions)),
    exam_minutes REAL CHECK (exam_minutes > 0),
    created_at   TEXT NOT NULL,
    closed_at    TEXT
  ) STRICT;

  CREATE TABLE learners (
    id           TEXT PRIMARY KEY,
    class_id     TEXT REFERENCES classes(id),
    display_name TEXT NOT NULL,
    created_at   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX learners_by_class ON learners(class_id, created_at);

  -- The id is a sha256 hex digest; the CHECK keeps a raw cookie id from ever being stored.
  CREATE TABLE sessions (
    id           TEXT PRIMARY KEY CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
    role         TEXT NOT NULL CHECK (role IN ('learner', 'instructor')),
    learner_id   TEXT REFERENCES learners(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sessions_by_learner ON sessions(learner_id);

  -- Deleting a learner or a class that still has attempts is refused: attempts are evidence.
  CREATE TABLE attempts (
    id           TEXT PRIMARY KEY,
    learner_id   TEXT NOT NULL REFERENCES learners(id),
    scenario_id  TEXT NOT NULL,
    version      TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    deadline_at  TEXT,
    ended_at     TEXT,
    cluster_name TEXT
  ) STRICT;
  CREATE INDEX attempts_by_learner ON attempts(learner_id, started_at);
  CREATE INDEX open_attempts ON attempts(started_at) WHERE ended_at IS NULL;

  CREATE TABLE check_results (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    attempt_id   TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    grading_id   TEXT NOT NULL,
    triggered_by TEXT NOT NULL CHECK (triggered_by IN ('learner', 'instructor', 'exam-end')),
    step         INTEGER NOT NULL,
    check_id     TEXT NOT NULL,
    title        TEXT NOT NULL,
    type         TEXT NOT NULL,
    passed       INTEGER NOT NULL CHECK (passed IN (0, 1)),
    command      TEXT NOT NULL,
    identity     TEXT NOT NULL,
    output       TEXT NOT NULL,
    expected     TEXT NOT NULL,
    why          TEXT NOT NULL,
    error        TEXT,
    graded_at    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX check_results_by_check ON check_results(attempt_id, step, check_id, id);

  -- A log, not a relation: it may name a class or learner that no longer (or never) existed,
  -- e.g. a refused join, so it carries no foreign keys.
  CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    class_id   TEXT,
    learner_id TEXT,
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL CHECK (json_valid(detail))
  ) STRICT;
  CREATE INDEX events_by_class ON events(class_id, id);
  CREATE INDEX events_by_learner ON events(learner_id, id);

  CREATE TABLE cluster_snapshots (
    cluster_name TEXT PRIMARY KEY,
    attempt_id   TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    runtime      TEXT NOT NULL CHECK (runtime IN ('embedded', 'kind')),
    snapshot     TEXT NOT NULL,
    updated_at   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX cluster_snapshots_by_attempt ON cluster_snapshots(attempt_id);

  CREATE TABLE instructor_secrets (
    hash       TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    used_at    TEXT
  ) STRICT;
  `,
];

/** Brings the database up to the last migration; refuses one written by a newer kubelab. */
export function migrate(db: Db, file: string, migrations: readonly string[] = MIGRATIONS): void {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening the same
  // new file cannot both run migration 1.
  db.transaction(() => {
    const applied = db.pragma('user_version', { simple: true }) as number;
    if (applied > migrations.length) throw newerSchema(file, applied, migrations.length);
    for (const step of migrations.slice(applied)) db.exec(step);
    if (applied < migrations.length) db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}

function newerSchema(file: string, found: number, known: number): StoreError {
  return new StoreError(
    'NEWER_SCHEMA',
    `${file} was written by a newer kubelab (database schema version ${found}; this kubelab knows up to ${known}). Nothing was changed.`,
    'Upgrade kubelab to the version that wrote it, or start this one with another --data-dir.',
  );
}

// One-time instructor secrets (the one in the URL `kubelab start --classroom` prints), stored as
// hashes. Consuming is a single conditional UPDATE, so two racing requests cannot both win.

import type { Clock, Db } from './sql.js';

export interface InstructorSecretsRepository {
  add(hash: string): void;
  /** True exactly once for a known, unused secret. */
  consume(hash: string, at: string): boolean;
}

export function instructorSecretsRepository(db: Db, clock: Clock): InstructorSecretsRepository {
  const add = db.prepare<[string, string]>('INSERT INTO instructor_secrets (hash, created_at) VALUES (?, ?)');
  const consume = db.prepare<[string, string]>('UPDATE instructor_secrets SET used_at = ? WHERE hash = ? AND used_at IS NULL');

  return {
    add: (hash) => void add.run(hash, clock()),
    consume: (hash, at) => consume.run(at, hash).changes === 1,
  };
}

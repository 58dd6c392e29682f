// Learners: one per person who joined a class (or used the lab on their own: classId null).

import { randomUUID } from 'node:crypto';
import type { LearnerRecord } from './records.js';
import type { Clock, Db } from './sql.js';

export interface LearnersRepository {
  create(r: { classId: string | null; displayName: string }): LearnerRecord;
  get(id: string): LearnerRecord | undefined;
  /** In joining order. */
  inClass(classId: string): LearnerRecord[];
}

const COLUMNS = 'id, class_id AS classId, display_name AS displayName, created_at AS createdAt';

export function learnersRepository(db: Db, clock: Clock): LearnersRepository {
  const insert = db.prepare<LearnerRecord>(
    'INSERT INTO learners (id, class_id, display_name, created_at) VALUES (@id, @classId, @displayName, @createdAt)',
  );
  const get = db.prepare<[string], LearnerRecord>(`SELECT ${COLUMNS} FROM learners WHERE id = ?`);
  const inClass = db.prepare<[string], LearnerRecord>(`SELECT ${COLUMNS} FROM learners WHERE class_id = ? ORDER BY created_at, rowid`);

  return {
    create: (r) => {
      const record: LearnerRecord = { id: randomUUID(), classId: r.classId, displayName: r.displayName, createdAt: clock() };
      insert.run(record);
      return record;
    },
    get: (id) => get.get(id),
    inClass: (classId) => inClass.all(classId),
  };
}

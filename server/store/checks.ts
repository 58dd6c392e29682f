// Check results with their evidence (command, identity, output): what a grade is defended with.

import type { CheckResultRecord } from './records.js';
import type { Db } from './sql.js';

export type NewCheckResult = Omit<CheckResultRecord, 'id'>;

export interface ChecksRepository {
  /** All or nothing: one grading never lands half-written. */
  record(results: NewCheckResult[]): void;
  /** In grading order. */
  ofAttempt(attemptId: string): CheckResultRecord[];
  /** The newest result of each (step, checkId), by step. */
}

type CheckResultRow = Omit<CheckResultRecord, 'passed'> & { passed: 0 | 1 };

const COLUMNS = `id, attempt_id AS attemptId, grading_id AS gradingId, triggered_by AS "trigger", step, check_id AS checkId,
  title, type, passed, command, identity, output, expected, why, error, graded_at AS gradedAt`;

export function checksRepository(db: Db): ChecksRepository {
  const insert = db.prepare<Omit<CheckResultRow, 'id'>>(
    `INSERT INTO check_results (attempt_id, grading_id, triggered_by, step, check_id, title, type, passed, command, identity, output, expected, why, error, graded_at)
     VALUES (@attemptId, @gradingId, @trigger, @step, @checkId, @title, @type, @passed, @command, @identity, @output, @expected, @why, @error, @gradedAt)`,
  );
  const ofAttempt = db.prepare<[string], CheckResultRow>(`SELECT ${COLUMNS} FROM check_results WHERE attempt_id = ? ORDER BY id`);
  const insertAll = db.transaction((results: NewCheckResult[]) => {
    for (const r of results) insert.run(toRow(r));
  });

  return {
    record: (results) => insertAll(results),
    ofAttempt: (attemptId) => ofAttempt.all(attemptId).map(fromRow),
  };
}

function toRow(r: NewCheckResult): Omit<CheckResultRow, 'id'> {
  return { ...r, passed: r.passed ? 1 : 0 };
}

function fromRow(row: CheckResultRow): CheckResultRecord {
  return { ...row, passed: row.passed === 1 };
}

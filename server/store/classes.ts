// Classes an instructor creates; learners find one by its join code.

import { randomUUID } from 'node:crypto';
import { newJoinCode, normalizeJoinCode } from './join-code.js';
import type { ClassRecord } from './records.js';
import { expectOneRow, type Clock, type Db } from './sql.js';

export type NewClass = Omit<ClassRecord, 'id' | 'joinCode' | 'createdAt' | 'closedAt'>;

export interface ClassesRepository {
  create(r: NewClass): ClassRecord;
  get(id: string): ClassRecord | undefined;
  /** Case-insensitive; spaces and dashes are ignored. */
  byJoinCode(code: string): ClassRecord | undefined;
  /** Oldest first. */
  list(): ClassRecord[];
  /** Keeps the first closing time if closed twice. */
  close(id: string, at: string): void;
}

/** A clash needs two equal draws out of 8.5e11: a few retries make a failure practically impossible. */
const JOIN_CODE_TRIES = 5;

interface ClassRow extends Omit<ClassRecord, 'scenarioIds' | 'versions'> {
  scenarioIds: string;
  versions: string;
}

const COLUMNS = `id, name, join_code AS joinCode, scenario_ids AS scenarioIds, versions, exam_minutes AS examMinutes,
  created_at AS createdAt, closed_at AS closedAt`;

export function classesRepository(db: Db, clock: Clock, drawJoinCode: () => string = newJoinCode): ClassesRepository {
  const insert = db.prepare<ClassRow>(
    `INSERT INTO classes (id, name, join_code, scenario_ids, versions, exam_minutes, created_at, closed_at)
     VALUES (@id, @name, @joinCode, @scenarioIds, @versions, @examMinutes, @createdAt, @closedAt)`,
  );
  const get = db.prepare<[string], ClassRow>(`SELECT ${COLUMNS} FROM classes WHERE id = ?`);
  const byJoinCode = db.prepare<[string], ClassRow>(`SELECT ${COLUMNS} FROM classes WHERE join_code = ?`);
  const list = db.prepare<[], ClassRow>(`SELECT ${COLUMNS} FROM classes ORDER BY created_at, rowid`);
  const close = db.prepare<[string, string]>('UPDATE classes SET closed_at = coalesce(closed_at, ?) WHERE id = ?');

  function create(r: NewClass): ClassRecord {
    const record: ClassRecord = {
      id: randomUUID(),
      name: r.name,
      joinCode: '',
      scenarioIds: r.scenarioIds,
      versions: r.versions,
      examMinutes: r.examMinutes,
      createdAt: clock(),
      closedAt: null,
    };
    for (let tries = 1; ; tries++) {
      record.joinCode = drawJoinCode();
      try {
        insert.run({ ...record, scenarioIds: JSON.stringify(r.scenarioIds), versions: JSON.stringify(r.versions) });
        return record;
      } catch (e) {
        if (tries >= JOIN_CODE_TRIES || !isJoinCodeClash(e)) throw e;
      }
    }
  }

  return {
    create,
    get: (id) => fromRow(get.get(id)),
    byJoinCode: (typed) => {
      const code = normalizeJoinCode(typed);
      return code === undefined ? undefined : fromRow(byJoinCode.get(code));
    },
    list: () => list.all().map((row) => fromRow(row)),
    close: (id, at) => expectOneRow(close.run(at, id), 'class', id),
  };
}

function fromRow(row: ClassRow): ClassRecord;
function fromRow(row: ClassRow | undefined): ClassRecord | undefined;
function fromRow(row: ClassRow | undefined): ClassRecord | undefined {
  return row && { ...row, scenarioIds: JSON.parse(row.scenarioIds) as string[], versions: JSON.parse(row.versions) as string[] };
}

function isJoinCodeClash(e: unknown): boolean {
  const { code, message } = e as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(message).includes('classes.join_code');
}

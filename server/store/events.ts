// The event log: joins, starts, checks, exam ends... newest first for dashboards.

import type { EventRecord } from './records.js';
import type { Clock, Db } from './sql.js';

export type NewEvent = Omit<EventRecord, 'id' | 'at'> & { at?: string };

export interface EventsRepository {
  /** at defaults to now; a detail of undefined is stored as null. */
  add(e: NewEvent): void;
  /** Newest first, filtered by class and/or learner when given. */
  recent(opts: { classId?: string; learnerId?: string; limit: number }): EventRecord[];
}

type EventRow = Omit<EventRecord, 'detail'> & { detail: string };
type Filter = { classId?: string; learnerId?: string; limit: number };

const SELECT = 'SELECT id, at, class_id AS classId, learner_id AS learnerId, kind, detail FROM events';

export function eventsRepository(db: Db, clock: Clock): EventsRepository {
  const insert = db.prepare<Omit<EventRow, 'id'>>(
    'INSERT INTO events (at, class_id, learner_id, kind, detail) VALUES (@at, @classId, @learnerId, @kind, @detail)',
  );
  // One statement per filter, so each can use its index (an "@x IS NULL OR" filter could not).
  const recent = {
    all: db.prepare<Filter, EventRow>(`${SELECT} ORDER BY id DESC LIMIT @limit`),
    class: db.prepare<Filter, EventRow>(`${SELECT} WHERE class_id = @classId ORDER BY id DESC LIMIT @limit`),
    learner: db.prepare<Filter, EventRow>(`${SELECT} WHERE learner_id = @learnerId ORDER BY id DESC LIMIT @limit`),
    both: db.prepare<Filter, EventRow>(`${SELECT} WHERE class_id = @classId AND learner_id = @learnerId ORDER BY id DESC LIMIT @limit`),
  };

  return {
    add: (e) =>
      void insert.run({
        at: e.at ?? clock(),
        classId: e.classId,
        learnerId: e.learnerId,
        kind: e.kind,
        detail: JSON.stringify(e.detail) ?? 'null',
      }),
    recent: (filter) => {
      const statement =
        filter.classId === undefined
          ? filter.learnerId === undefined ? recent.all : recent.learner
          : filter.learnerId === undefined ? recent.class : recent.both;
      return statement.all(filter).map((row) => ({ ...row, detail: JSON.parse(row.detail) as unknown }));
    },
  };
}

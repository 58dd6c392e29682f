// Attempts: one learner working one scenario at one Kubernetes version, on one cluster.

import { randomUUID } from 'node:crypto';
import type { AttemptRecord } from './records.js';
import { expectOneRow, type Db } from './sql.js';

export type NewAttempt = Omit<AttemptRecord, 'id' | 'endedAt'>;

export interface AttemptsRepository {
  create(r: NewAttempt): AttemptRecord;
  get(id: string): AttemptRecord | undefined;
  /** The most recently started. */
  latestFor(learnerId: string): AttemptRecord | undefined;
  /** Oldest first. */
  ofLearner(learnerId: string): AttemptRecord[];
  setCluster(id: string, clusterName: string | null): void;
  /** Keeps the first end time if ended twice. */
  end(id: string, at: string): void;
  /** Not ended yet, oldest first: what a restarted server must bring back. */
  open(): AttemptRecord[];
}

const COLUMNS = `id, learner_id AS learnerId, scenario_id AS scenarioId, version, started_at AS startedAt,
  deadline_at AS deadlineAt, ended_at AS endedAt, cluster_name AS clusterName`;

export function attemptsRepository(db: Db): AttemptsRepository {
  const insert = db.prepare<AttemptRecord>(
    `INSERT INTO attempts (id, learner_id, scenario_id, version, started_at, deadline_at, ended_at, cluster_name)
     VALUES (@id, @learnerId, @scenarioId, @version, @startedAt, @deadlineAt, @endedAt, @clusterName)`,
  );
  const get = db.prepare<[string], AttemptRecord>(`SELECT ${COLUMNS} FROM attempts WHERE id = ?`);
  const ofLearner = db.prepare<[string], AttemptRecord>(`SELECT ${COLUMNS} FROM attempts WHERE learner_id = ? ORDER BY started_at, rowid`);
  const latestFor = db.prepare<[string], AttemptRecord>(
    `SELECT ${COLUMNS} FROM attempts WHERE learner_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1`,
  );
  const setCluster = db.prepare<[string | null, string]>('UPDATE attempts SET cluster_name = ? WHERE id = ?');
  const end = db.prepare<[string, string]>('UPDATE attempts SET ended_at = coalesce(ended_at, ?) WHERE id = ?');
  const open = db.prepare<[], AttemptRecord>(`SELECT ${COLUMNS} FROM attempts WHERE ended_at IS NULL ORDER BY started_at, rowid`);

  return {
    create: (r) => {
      const record: AttemptRecord = {
        id: randomUUID(),
        learnerId: r.learnerId,
        scenarioId: r.scenarioId,
        version: r.version,
        startedAt: r.startedAt,
        deadlineAt: r.deadlineAt,
        endedAt: null,
        clusterName: r.clusterName,
      };
      insert.run(record);
      return record;
    },
    get: (id) => get.get(id),
    latestFor: (learnerId) => latestFor.get(learnerId),
    ofLearner: (learnerId) => ofLearner.all(learnerId),
    setCluster: (id, clusterName) => expectOneRow(setCluster.run(clusterName, id), 'attempt', id),
    end: (id, at) => expectOneRow(end.run(at, id), 'attempt', id),
    open: () => open.all(),
  };
}

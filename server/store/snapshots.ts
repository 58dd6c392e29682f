// Cluster snapshots, one per cluster: what a restarted server rebuilds an embedded cluster from
// (or which kind cluster it re-adopts). The snapshot text is opaque here.

import type { ClusterSnapshotRecord } from './records.js';
import type { Clock, Db } from './sql.js';

export interface SnapshotsRepository {
  /** Inserts or replaces the cluster's snapshot; updatedAt is now. */
  put(r: Omit<ClusterSnapshotRecord, 'updatedAt'>): void;
  get(clusterName: string): ClusterSnapshotRecord | undefined;
  delete(clusterName: string): void;
}

const COLUMNS = 'cluster_name AS clusterName, attempt_id AS attemptId, runtime, snapshot, updated_at AS updatedAt';

export function snapshotsRepository(db: Db, clock: Clock): SnapshotsRepository {
  const put = db.prepare<ClusterSnapshotRecord>(
    `INSERT INTO cluster_snapshots (cluster_name, attempt_id, runtime, snapshot, updated_at)
     VALUES (@clusterName, @attemptId, @runtime, @snapshot, @updatedAt)
     ON CONFLICT (cluster_name) DO UPDATE SET
       attempt_id = excluded.attempt_id, runtime = excluded.runtime, snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
  );
  const get = db.prepare<[string], ClusterSnapshotRecord>(`SELECT ${COLUMNS} FROM cluster_snapshots WHERE cluster_name = ?`);
  const remove = db.prepare<[string]>('DELETE FROM cluster_snapshots WHERE cluster_name = ?');

  return {
    put: (r) => void put.run({ ...r, updatedAt: clock() }),
    get: (clusterName) => get.get(clusterName),
    delete: (clusterName) => void remove.run(clusterName),
  };
}

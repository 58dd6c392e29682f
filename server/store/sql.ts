// Small helpers shared by the repositories.

import type BetterSqlite3 from 'better-sqlite3';

export type Db = BetterSqlite3.Database;

/** The current time as an ISO-8601 string: the store's only clock. */
export type Clock = () => string;

/** Updates name one record by id: touching one that does not exist is a bug worth hearing about. */
export function expectOneRow(result: BetterSqlite3.RunResult, what: string, id: string): void {
  if (result.changes !== 1) throw new Error(`There is no ${what} with id ${id} in the kubelab database.`);
}

// Opens the SQLite file: private file modes, durable-enough pragmas, migrations, and errors
// that tell the person starting kubelab what to do.

import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema.js';
import type { Db } from './sql.js';
import { StoreError } from './store-error.js';

const IN_MEMORY = ':memory:';

export function openDatabase(file: string, busyTimeoutMs: number): Db {
  if (file !== IN_MEMORY) createPrivately(file);
  let db: Db | undefined;
  try {
    // `timeout` is SQLite's busy_timeout: how long a write waits for another connection's lock.
    db = new Database(file, { timeout: busyTimeoutMs });
    // WAL: a commit is appended to the -wal file with write() before it returns, so it sits in the
    // OS page cache and survives a kill -9 of this process; the next open replays the WAL up to the
    // last commit record and ignores a half-written transaction after it. synchronous = NORMAL
    // only skips the fsync per commit: a power loss or kernel crash may lose the last commits
    // (never corrupting the file), a process crash loses nothing.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    return db;
  } catch (e) {
    db?.close();
    throw explain(e, file);
  }
}

/** The database holds learners' evidence: the file (and the WAL and shm files SQLite derives from its mode) is 0600, a new folder 0700. */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  for (const path of [file, `${file}-wal`, `${file}-shm`]) tighten(path);
}

function tighten(path: string): void {
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function explain(e: unknown, file: string): unknown {
  const code = (e as { code?: unknown }).code;
  const sqlite = e instanceof Error ? e.message : String(e);
  if (typeof code !== 'string') return e;
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(
      'NOT_A_DATABASE',
      `${file} is not a kubelab database, or it is damaged (SQLite: ${sqlite}).`,
      `Move it away (e.g. mv ${file} ${file}.broken) and start kubelab again: it creates a new, empty database. Keep the moved file if it may hold learners' results.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'LOCKED',
      `${file} is locked by another process (SQLite: ${sqlite}); most likely another kubelab server uses the same data directory.`,
      'Stop the other kubelab, or start this one with another --data-dir.',
    );
  }
  return e;
}

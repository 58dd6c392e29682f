import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './schema.js';
import { openStore, StoreError } from './store.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubelab-store-'));
  file = join(dir, 'kubelab.db');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function userVersion(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** The error openStore throws, for assertions on its fields. */
function openError(path: string, opts = {}): StoreError {
  try {
    openStore(path, opts).close();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error(`openStore(${path}) succeeded`);
}

describe('migrations', () => {
  it('builds the schema in an empty file, and re-opening changes nothing but keeps the data', () => {
    writeFileSync(file, '');
    const store = openStore(file);
    expect(userVersion(file)).toBe(MIGRATIONS.length);
    const learner = store.learners.create({ classId: null, displayName: 'Ada' });
    store.close();
    for (let i = 0; i < 2; i++) {
      const again = openStore(file);
      expect(again.learners.get(learner.id)).toEqual(learner);
      again.close();
    }
    expect(userVersion(file)).toBe(MIGRATIONS.length);
  });

  it('applies only the missing steps, and a failing step leaves the previous version intact', () => {
    const db = new Database(file);
    const first = 'CREATE TABLE a (x INTEGER) STRICT; INSERT INTO a VALUES (1);';
    migrate(db, file, [first]);
    migrate(db, file, [first, 'CREATE TABLE b (y INTEGER) STRICT;']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT count(*) FROM a').pluck().get()).toBe(1);

    const broken = [first, 'CREATE TABLE b (y INTEGER) STRICT;', 'CREATE TABLE c (z INTEGER) STRICT; SELECT no_such_function();'];
    expect(() => migrate(db, file, broken)).toThrow(/no_such_function/);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'c'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer kubelab, and leaves it untouched', () => {
    openStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const error = openError(file);
    expect(error.code).toBe('NEWER_SCHEMA');
    expect(error.message).toContain(file);
    expect(error.message).toContain(`newer kubelab (database schema version ${MIGRATIONS.length + 1}; this kubelab knows up to ${MIGRATIONS.length})`);
    expect(error.message).toMatch(/Upgrade kubelab.*--data-dir/);
    expect(userVersion(file)).toBe(MIGRATIONS.length + 1);
  });
});

describe('files that cannot be opened', () => {
  it('names a file that is not a database, says how to fix it, and leaves it as it was', () => {
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(100));
    const error = openError(file);
    expect(error.code).toBe('NOT_A_DATABASE');
    expect(error.message).toContain(`${file} is not a kubelab database`);
    expect(error.message).toContain(`mv ${file} ${file}.broken`);
    expect(readFileSync(file, 'utf8')).toMatch(/^these are my notes/);
  });

  it('recognises a database whose header was damaged', () => {
    const store = openStore(file);
    store.learners.create({ classId: null, displayName: 'Ada' });
    store.close();
    const bytes = readFileSync(file);
    bytes.write('garbage garbage!', 0);
    writeFileSync(file, bytes);
    expect(openError(file).code).toBe('NOT_A_DATABASE');
  });

  it('says when another process holds the database locked, and opens once it lets go', () => {
    openStore(file).close();
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    const error = openError(file, { busyTimeoutMs: 0 });
    expect(error.code).toBe('LOCKED');
    expect(error.message).toMatch(/is locked by another process.*Stop the other kubelab/s);
    other.exec('ROLLBACK');
    other.close();
    openStore(file).close();
  });
});

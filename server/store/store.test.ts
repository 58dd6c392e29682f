import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCheckResult } from './checks.js';
import { hashSessionId, openStore, type Store } from './store.js';

let dir: string;
let file: string;
let store: Store;
/** Ticks one second per reading, so every stamp the store takes is distinct and ordered. */
let clockMs: number;
const now = () => new Date((clockMs += 1000));
const at = (minute: number) => `2025-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubelab-store-'));
  file = join(dir, 'kubelab.db');
  clockMs = Date.parse('2025-05-01T09:00:00.000Z');
  store = openStore(file, { now });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Reads go through a fresh store on the same file: what a restarted server would see. */
function reopen(): Store {
  store.close();
  store = openStore(file, { now });
  return store;
}

function learnerWithAttempt(s: Store) {
  const learner = s.learners.create({ classId: null, displayName: 'Ada' });
  const attempt = s.attempts.create({ learnerId: learner.id, scenarioId: 'nodes-proxy', version: '1.33', startedAt: at(0), deadlineAt: null, clusterName: 'lab-1' });
  return { learner, attempt };
}

function checkResult(attemptId: string, gradingId: string, step: number, checkId: string, passed: boolean): NewCheckResult {
  return {
    attemptId,
    gradingId,
    trigger: 'learner',
    step,
    checkId,
    title: `check ${checkId}`,
    type: 'kubectl-can-i',
    passed,
    command: 'kubectl auth can-i get nodes/proxy',
    identity: 'system:serviceaccount:lab:monitor',
    output: passed ? 'yes' : 'no',
    expected: 'yes',
    why: passed ? '' : 'the role grants nodes/proxy',
    error: passed ? null : 'exit status 1',
    gradedAt: at(step),
  };
}

describe('sessions', () => {
  const id = hashSessionId('raw-cookie-id');

  it('keeps a session across a restart, and an upsert keeps its creation time', () => {
    store.sessions.upsert({ id, role: 'learner', learnerId: null, createdAt: at(1), lastSeenAt: at(1) });
    store.sessions.upsert({ id, role: 'instructor', learnerId: null, createdAt: at(5), lastSeenAt: at(5) });
    expect(reopen().sessions.get(id)).toEqual({ id, role: 'instructor', learnerId: null, createdAt: at(1), lastSeenAt: at(5) });
  });

  it('touches, binds a learner and changes role', () => {
    const learner = store.learners.create({ classId: null, displayName: 'Ada' });
    store.sessions.upsert({ id, role: 'instructor', learnerId: null, createdAt: at(1), lastSeenAt: at(1) });
    store.sessions.touch(id, at(2));
    store.sessions.bindLearner(id, learner.id);
    store.sessions.setRole(id, 'learner');
    expect(reopen().sessions.get(id)).toEqual({ id, role: 'learner', learnerId: learner.id, createdAt: at(1), lastSeenAt: at(2) });
  });

  it("finds a learner's most recently seen session", () => {
    const learner = store.learners.create({ classId: null, displayName: 'Ada' });
    const older = hashSessionId('older');
    store.sessions.upsert({ id: older, role: 'learner', learnerId: learner.id, createdAt: at(1), lastSeenAt: at(1) });
    store.sessions.upsert({ id, role: 'learner', learnerId: learner.id, createdAt: at(2), lastSeenAt: at(3) });
    expect(store.sessions.ofLearner(learner.id)?.id).toBe(id);
    expect(store.sessions.ofLearner('nobody')).toBeUndefined();
  });

  it('refuses to store a raw session id, a missing learner, or changes to an unknown session', () => {
    expect(() => store.sessions.upsert({ id: 'raw-cookie-id', role: 'learner', learnerId: null, createdAt: at(1), lastSeenAt: at(1) })).toThrow(/CHECK constraint/);
    store.sessions.upsert({ id, role: 'learner', learnerId: null, createdAt: at(1), lastSeenAt: at(1) });
    expect(() => store.sessions.bindLearner(id, 'no-such-learner')).toThrow(/FOREIGN KEY/);
    expect(() => store.sessions.touch(hashSessionId('other'), at(2))).toThrow(/no session/);
    expect(store.sessions.get(hashSessionId('other'))).toBeUndefined();
  });
});

describe('classes', () => {
  const newClass = { name: 'CKS workshop', scenarioIds: ['nodes-proxy', 'nodes-log'], versions: ['1.31', '1.36'], examMinutes: 45 };

  it('creates a class with a join code and finds it again after a restart, by id or by the code as typed', () => {
    const created = store.classes.create(newClass);
    expect(created).toMatchObject({ ...newClass, createdAt: '2025-05-01T09:00:01.000Z', closedAt: null });
    const typed = ` ${created.joinCode.slice(0, 4).toLowerCase()} - ${created.joinCode.slice(4)} `;
    reopen();
    expect(store.classes.get(created.id)).toEqual(created);
    expect(store.classes.byJoinCode(typed)).toEqual(created);
    expect(store.classes.byJoinCode('NOPE')).toBeUndefined();
  });

  it('lists classes oldest first and closes one once', () => {
    const first = store.classes.create({ ...newClass, examMinutes: null });
    const second = store.classes.create(newClass);
    store.classes.close(first.id, at(10));
    store.classes.close(first.id, at(20));
    expect(reopen().classes.list()).toEqual([{ ...first, closedAt: at(10) }, second]);
    expect(() => store.classes.close('no-such-class', at(1))).toThrow(/no class/);
  });
});

describe('learners', () => {
  it('creates learners and lists those of one class in joining order', () => {
    const a = store.classes.create({ name: 'A', scenarioIds: [], versions: [], examMinutes: null });
    const b = store.classes.create({ name: 'B', scenarioIds: [], versions: [], examMinutes: null });
    const ada = store.learners.create({ classId: a.id, displayName: 'Ada' });
    store.learners.create({ classId: b.id, displayName: 'Bob' });
    const solo = store.learners.create({ classId: null, displayName: 'Solo' });
    const cy = store.learners.create({ classId: a.id, displayName: '<b>Cy</b>' });
    reopen();
    expect(store.learners.inClass(a.id)).toEqual([ada, cy]);
    expect(store.learners.get(solo.id)).toEqual({ id: solo.id, classId: null, displayName: 'Solo', createdAt: solo.createdAt });
    expect(() => store.learners.create({ classId: 'no-such-class', displayName: 'X' })).toThrow(/FOREIGN KEY/);
  });
});

describe('attempts', () => {
  it('tracks attempts per learner: latest, history, cluster, end, and the open ones', () => {
    const { learner, attempt: first } = learnerWithAttempt(store);
    const second = store.attempts.create({ learnerId: learner.id, scenarioId: 'nodes-log', version: '1.36', startedAt: at(30), deadlineAt: at(75), clusterName: null });
    store.attempts.setCluster(second.id, 'lab-2');
    store.attempts.end(first.id, at(29));
    store.attempts.end(first.id, at(59));
    reopen();
    const ended = { ...first, endedAt: at(29) };
    const running = { ...second, clusterName: 'lab-2' };
    expect(store.attempts.get(first.id)).toEqual(ended);
    expect(store.attempts.latestFor(learner.id)).toEqual(running);
    expect(store.attempts.ofLearner(learner.id)).toEqual([ended, running]);
    expect(store.attempts.open()).toEqual([running]);
    store.attempts.setCluster(second.id, null);
    expect(store.attempts.get(second.id)?.clusterName).toBeNull();
    expect(store.attempts.latestFor('nobody')).toBeUndefined();
  });

  it('refuses an attempt of an unknown learner, and changes to an unknown attempt', () => {
    expect(() => store.attempts.create({ learnerId: 'nobody', scenarioId: 's', version: '1.33', startedAt: at(0), deadlineAt: null, clusterName: null })).toThrow(/FOREIGN KEY/);
    expect(() => store.attempts.end('no-such-attempt', at(1))).toThrow(/no attempt/);
  });
});

describe('check results', () => {
  it('keeps every result with its evidence, oldest first', () => {
    const { attempt } = learnerWithAttempt(store);
    const firstPress = [checkResult(attempt.id, 'g1', 1, 'can-proxy', false), checkResult(attempt.id, 'g1', 2, 'no-log', false)];
    const secondPress = [checkResult(attempt.id, 'g2', 1, 'can-proxy', true)];
    store.checks.record(firstPress);
    store.checks.record(secondPress);
    reopen();
    const all = store.checks.ofAttempt(attempt.id);
    expect(all.map(({ id: _id, ...rest }) => rest)).toEqual([...firstPress, ...secondPress]);
    expect(new Set(all.map((r) => r.id)).size).toBe(3);
  });

  it('stores a grading all or nothing', () => {
    const { attempt } = learnerWithAttempt(store);
    const bad = { ...checkResult(attempt.id, 'g1', 2, 'b', true), attemptId: 'no-such-attempt' };
    expect(() => store.checks.record([checkResult(attempt.id, 'g1', 1, 'a', true), bad])).toThrow(/FOREIGN KEY/);
    expect(store.checks.ofAttempt(attempt.id)).toEqual([]);
  });
});

describe('events', () => {
  it('logs events with JSON details and lists the recent ones per class and learner, newest first', () => {
    const klass = store.classes.create({ name: 'A', scenarioIds: [], versions: [], examMinutes: null });
    const ada = store.learners.create({ classId: klass.id, displayName: 'Ada' });
    store.events.add({ classId: klass.id, learnerId: null, kind: 'class-created', detail: { name: 'A' } });
    store.events.add({ classId: klass.id, learnerId: ada.id, kind: 'joined', detail: undefined, at: at(5) });
    store.events.add({ classId: klass.id, learnerId: ada.id, kind: 'check', detail: [1, 'two', { three: true }] });
    store.events.add({ classId: null, learnerId: null, kind: 'join-refused', detail: 'bad code' });
    reopen();
    const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);
    expect(kinds(store.events.recent({ limit: 10 }))).toEqual(['join-refused', 'check', 'joined', 'class-created']);
    expect(kinds(store.events.recent({ classId: klass.id, limit: 2 }))).toEqual(['check', 'joined']);
    expect(kinds(store.events.recent({ learnerId: ada.id, limit: 10 }))).toEqual(['check', 'joined']);
    expect(kinds(store.events.recent({ classId: 'other', learnerId: ada.id, limit: 10 }))).toEqual([]);
    const [check, joined] = store.events.recent({ classId: klass.id, learnerId: ada.id, limit: 10 });
    expect(check).toMatchObject({ classId: klass.id, learnerId: ada.id, detail: [1, 'two', { three: true }] });
    expect(check?.at).toMatch(/^2025-05-01T09:00:\d\d\.000Z$/);
    expect(joined).toMatchObject({ at: at(5), detail: null });
  });
});

describe('cluster snapshots', () => {
  it('puts, replaces and deletes snapshots per cluster', () => {
    const { attempt } = learnerWithAttempt(store);
    store.snapshots.put({ clusterName: 'lab-b', attemptId: attempt.id, runtime: 'kind', snapshot: '{}' });
    store.snapshots.put({ clusterName: 'lab-a', attemptId: attempt.id, runtime: 'embedded', snapshot: '{"v":1}' });
    const firstStamp = store.snapshots.get('lab-a')?.updatedAt;
    store.snapshots.put({ clusterName: 'lab-a', attemptId: attempt.id, runtime: 'embedded', snapshot: '{"v":2}' });
    reopen();
    const a = store.snapshots.get('lab-a');
    expect(a).toMatchObject({ clusterName: 'lab-a', snapshot: '{"v":2}', runtime: 'embedded', attemptId: attempt.id });
    expect(a?.updatedAt).not.toBe(firstStamp);
    expect(store.snapshots.get('lab-b')?.runtime).toBe('kind');
    store.snapshots.delete('lab-b');
    expect(store.snapshots.get('lab-b')).toBeUndefined();
    expect(store.snapshots.get('lab-a')).toBeDefined();
    expect(() => store.snapshots.put({ clusterName: 'x', attemptId: 'no-such-attempt', runtime: 'kind', snapshot: '' })).toThrow(/FOREIGN KEY/);
  });
});

describe('instructor secrets', () => {
  it('lets a secret be used exactly once, even across a restart', () => {
    store.instructorSecrets.add('hash-1');
    expect(store.instructorSecrets.consume('hash-unknown', at(1))).toBe(false);
    expect(store.instructorSecrets.consume('hash-1', at(1))).toBe(true);
    expect(reopen().instructorSecrets.consume('hash-1', at(2))).toBe(false);
  });
});

describe('transactions and deletes', () => {
  it('rolls back everything a failed transaction wrote, and returns what a good one returns', () => {
    expect(() =>
      store.transaction(() => {
        store.learners.create({ classId: null, displayName: 'Ghost' });
        store.checks.record([checkResult('no-such-attempt', 'g', 1, 'a', true)]);
      }),
    ).toThrow(/FOREIGN KEY/);
    const klass = store.classes.create({ name: 'A', scenarioIds: [], versions: [], examMinutes: null });
    expect(store.learners.inClass(klass.id)).toEqual([]);
    const learner = store.transaction(() => store.learners.create({ classId: klass.id, displayName: 'Real' }));
    expect(reopen().learners.inClass(klass.id)).toEqual([learner]);
  });

  it('deleting an attempt deletes its check results and snapshots; a learner with attempts cannot be deleted', () => {
    const { learner, attempt } = learnerWithAttempt(store);
    const other = store.attempts.create({ learnerId: learner.id, scenarioId: 's', version: '1.31', startedAt: at(40), deadlineAt: null, clusterName: 'lab-2' });
    store.checks.record([checkResult(attempt.id, 'g1', 1, 'a', true), checkResult(other.id, 'g2', 1, 'a', true)]);
    store.snapshots.put({ clusterName: 'lab-1', attemptId: attempt.id, runtime: 'embedded', snapshot: '{}' });
    store.close();

    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    raw.prepare('DELETE FROM attempts WHERE id = ?').run(attempt.id);
    expect(() => raw.prepare('DELETE FROM learners WHERE id = ?').run(learner.id)).toThrow(/FOREIGN KEY/);
    raw.close();

    store = openStore(file);
    expect(store.checks.ofAttempt(attempt.id)).toEqual([]);
    expect(store.snapshots.get('lab-1')).toBeUndefined();
    expect(store.checks.ofAttempt(other.id)).toHaveLength(1);
    expect(store.learners.get(learner.id)).toEqual(learner);
  });
});

describe('file permissions', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('creates the database 0600 (its WAL too) in a new folder 0700', () => {
    const nested = join(dir, 'data', 'kubelab.db');
    const s = openStore(nested);
    s.events.add({ classId: null, learnerId: null, kind: 'written', detail: null });
    expect(mode(join(dir, 'data'))).toBe(0o700);
    expect(mode(nested)).toBe(0o600);
    expect(mode(`${nested}-wal`)).toBe(0o600);
    s.close();
  });

  it('tightens an existing database readable by others', () => {
    const loose = join(dir, 'loose.db');
    writeFileSync(loose, '');
    chmodSync(loose, 0o644);
    openStore(loose).close();
    expect(mode(loose)).toBe(0o600);
  });
});

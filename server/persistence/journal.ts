// The journal: what the lab server writes to SQLite as things happen, so that a restarted (or
// crashed) server loses nothing. Sessions and their identity, learners, attempts (a learner on a
// scenario at a version), every check result with its evidence, events, and a snapshot of each
// running cluster, saved a moment after any change to it.

import { randomBytes } from 'node:crypto';
import type { KubeVersion } from '../../cluster/versions.js';
import type { GradeTrigger, LabHooks, LabEndReason, SavedCluster } from '../lab/lab-manager.js';
import type { Lab, LabCluster } from '../lab/lab.js';
import type { StepReport } from '../grading/report.js';
import type { Scenario } from '../scenarios/model.js';
import type { Session, SessionJournal } from '../sessions.js';
import { hashSessionId } from '../store/store.js';
import type { AttemptRecord, CheckResultRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { checkIdentity } from './check-identity.js';
import { ProgressReplay } from './progress-replay.js';

/** A running lab whose cluster the journal keeps a snapshot of. */
interface WatchedLab {
  stop: () => void;
  save: () => void;
  /** False once the lab ended for good: a snapshot still being taken must not be written. */
  live: boolean;
}

export interface JournalOptions {
  /** When an attempt of this session on this scenario must end (an exam), else null. */
  deadlineFor?: (session: Session, scenario: Scenario) => Date | null;
  /** How long after a change a cluster snapshot is written: changes come in bursts (kubectl apply). */
  snapshotDelayMs?: number;
  log: (line: string) => void;
  now?: () => Date;
}

export class Journal implements SessionJournal, LabHooks {
  private readonly watched = new Map<Lab, WatchedLab>();
  /** Snapshots being taken: the server waits for them before it closes the database. */
  private readonly saving = new Set<Promise<void>>();
  private readonly now: () => Date;

  constructor(
    readonly store: Store,
    private readonly opts: JournalOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  load(session: Session): boolean {
    const record = this.store.sessions.get(hashSessionId(session.id));
    if (!record) return false;
    session.role = record.role === 'instructor' ? 'instructor' : record.learnerId ? 'learner' : 'none';
    const learner = record.learnerId ? this.store.learners.get(record.learnerId) : undefined;
    if (learner) {
      session.learner = { id: learner.id, displayName: learner.displayName, classId: learner.classId };
      const replay = new ProgressReplay(session.progress);
      for (const attempt of this.store.attempts.ofLearner(learner.id)) replay.attempt(attempt, this.store.checks.ofAttempt(attempt.id));
    }
    this.store.sessions.touch(record.id, this.stamp());
    return true;
  }

  created(session: Session): void {
    const at = this.stamp();
    this.store.sessions.upsert({ id: hashSessionId(session.id), role: 'learner', learnerId: null, createdAt: at, lastSeenAt: at });
  }

  /** The cluster this session's learner left running when the server stopped, if any. */
  savedLab(session: Session): { scenarioId: string; version: KubeVersion; saved: SavedCluster; attempt: AttemptRecord } | undefined {
    if (!session.learner) return undefined;
    const attempt = this.store.attempts.latestFor(session.learner.id);
    if (!attempt || attempt.endedAt || !attempt.clusterName) return undefined;
    const snapshot = this.store.snapshots.get(attempt.clusterName);
    if (!snapshot) return undefined;
    return { scenarioId: attempt.scenarioId, version: attempt.version as KubeVersion, saved: { clusterName: attempt.clusterName, snapshot: JSON.parse(snapshot.snapshot) as unknown }, attempt };
  }

  /** The learner of a session, made on first need for a practice session (classroom learners join). */
  learnerOf(session: Session): NonNullable<Session['learner']> {
    if (session.learner) return session.learner;
    const record = this.store.learners.create({ classId: null, displayName: 'practice' });
    this.store.sessions.bindLearner(hashSessionId(session.id), record.id);
    session.learner = { id: record.id, displayName: record.displayName, classId: null };
    return session.learner;
  }

  started(session: Session, lab: Lab): void {
    this.guard('recording a lab start', () => {
      const learner = this.learnerOf(session);
      const open = this.store.attempts.ofLearner(learner.id).find((a) => !a.endedAt && a.scenarioId === lab.scenario.id && a.version === lab.version);
      const deadline = open ? (open.deadlineAt ? new Date(open.deadlineAt) : null) : (this.opts.deadlineFor?.(session, lab.scenario) ?? null);
      const attempt =
        open ??
        this.store.attempts.create({
          learnerId: learner.id,
          scenarioId: lab.scenario.id,
          version: lab.version,
          startedAt: lab.startedAt.toISOString(),
          deadlineAt: deadline?.toISOString() ?? null,
          clusterName: null,
        });
      lab.attemptId = attempt.id;
      lab.deadlineAt = deadline ?? undefined;
      this.event(session, 'lab.started', { scenarioId: lab.scenario.id, version: lab.version, attemptId: attempt.id });
    });
  }

  ready(session: Session, lab: Lab & { cluster: LabCluster }): void {
    this.guard('recording a ready lab', () => {
      if (!lab.attemptId) return;
      const { attemptId, cluster } = lab;
      this.store.attempts.setCluster(attemptId, cluster.spec.name);
      const source = snapshotSource(cluster);
      if (source) {
        const entry: WatchedLab = { stop: () => {}, save: () => this.saveSnapshot(entry, attemptId, cluster.spec.name, source), live: true };
        entry.save();
        entry.stop = source.onStateChange(entry.save, { batchMs: this.opts.snapshotDelayMs ?? 250 });
        this.watched.set(lab, entry);
      } else if (cluster.runtime === 'kind') {
        // A kind cluster keeps its own state in Docker: what is saved is only which one to adopt.
        this.store.snapshots.put({ clusterName: cluster.spec.name, attemptId, runtime: 'kind', snapshot: JSON.stringify(kindAdoption(cluster.spec.name)) });
      }
      this.event(session, 'lab.ready', { attemptId, cluster: cluster.spec.name });
    });
  }

  ended(session: Session, lab: Lab, reason: LabEndReason): void {
    this.guard('recording a lab end', () => {
      const entry = this.watched.get(lab);
      this.watched.delete(lab);
      entry?.stop();
      const name = lab.cluster?.spec.name;
      if (reason === 'shutdown') {
        // The server stops, the learner does not: keep the latest state for the next start.
        entry?.save();
      } else {
        if (entry) entry.live = false;
        if (name) this.store.snapshots.delete(name);
        if (lab.attemptId) this.store.attempts.setCluster(lab.attemptId, null);
      }
      this.event(session, 'lab.ended', { attemptId: lab.attemptId, reason });
    });
  }

  graded(session: Session, lab: Lab, reports: readonly StepReport[], trigger: GradeTrigger): void {
    this.guard('recording check results', () => {
      if (!lab.attemptId) return;
      const gradingId = randomBytes(8).toString('hex');
      const gradedAt = this.stamp();
      const rows: Omit<CheckResultRecord, 'id'>[] = reports.flatMap((report) =>
        report.checks.map((c) => ({
          attemptId: lab.attemptId!,
          gradingId,
          trigger,
          step: report.step,
          checkId: c.id,
          title: c.title,
          type: c.type,
          passed: c.passed,
          command: c.command,
          identity: checkIdentity(lab.scenario, lab.version, report.step, c.id),
          output: c.output,
          expected: c.expected,
          why: c.why,
          error: c.error ?? null,
          gradedAt,
        })),
      );
      this.store.checks.record(rows);
      this.event(session, 'graded', { attemptId: lab.attemptId, trigger, steps: reports.map((r) => ({ step: r.step, passed: r.passed })) });
    });
  }

  /** Resolves once every snapshot being taken is written (the server is stopping). */
  async flush(): Promise<void> {
    while (this.saving.size) await Promise.all(this.saving);
  }

  event(session: Session | undefined, kind: string, detail: unknown): void {
    this.store.events.add({ classId: session?.learner?.classId ?? null, learnerId: session?.learner?.id ?? null, kind, detail });
  }

  private saveSnapshot(entry: WatchedLab, attemptId: string, clusterName: string, source: SnapshotSource): void {
    const saving = source
      .snapshot()
      .then((snapshot) => {
        if (entry.live) this.store.snapshots.put({ clusterName, attemptId, runtime: 'embedded', snapshot: JSON.stringify(snapshot) });
      })
      .catch((e: Error) => this.opts.log(`kubelab: saving the snapshot of cluster ${clusterName} failed: ${e.message}`))
      .finally(() => this.saving.delete(saving));
    this.saving.add(saving);
  }

  /** The journal must never take a request down: a failed write is logged, the lab goes on. */
  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.opts.log(`kubelab: ${what} in ${this.store.file} failed: ${(e as Error).message}`);
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

/** The saved form of a kind cluster: the lab server's kind starter adopts it by name. */
export interface KindAdoption {
  runtime: 'kind';
  clusterName: string;
}

function kindAdoption(clusterName: string): KindAdoption {
  return { runtime: 'kind', clusterName };
}

export function isKindAdoption(saved: unknown): saved is KindAdoption {
  return typeof saved === 'object' && saved !== null && (saved as KindAdoption).runtime === 'kind' && typeof (saved as KindAdoption).clusterName === 'string';
}

type SnapshotSource = Required<Pick<LabCluster, 'snapshot' | 'onStateChange'>>;

function snapshotSource(cluster: LabCluster): SnapshotSource | undefined {
  const { snapshot, onStateChange } = cluster;
  return snapshot && onStateChange ? { snapshot: () => snapshot.call(cluster), onStateChange: (l, o) => onStateChange.call(cluster, l, o) } : undefined;
}

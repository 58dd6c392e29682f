// Ends exams on time. Each exam attempt has a deadline (set when the learner first starts the
// lab); when it passes, every step is graded on the learner's cluster as it is (brought back from
// its snapshot if the learner is offline or the server restarted), the attempt ends, the lab and
// shell close, and the learner and the instructor see the score.

import type { KubeVersion } from '../../cluster/versions.js';
import type { LabManager } from '../lab/lab-manager.js';
import type { Journal } from '../persistence/journal.js';
import type { Scenario } from '../scenarios/model.js';
import type { Session } from '../sessions.js';
import type { AttemptRecord } from '../store/records.js';
import type { Classroom } from './classroom.js';
import type { ScoreReport } from './scoring.js';

export interface ExamClockOptions {
  journal: Journal;
  labs: LabManager;
  classroom: Classroom;
  scenarios: ReadonlyMap<string, Scenario>;
  /** A session for grading a learner whose browser is not connected (not registered anywhere). */
  detachedSession: (learnerId: string) => Session;
  /** Tells the learner's browsers (exam:ended). */
  ended: (session: Session | undefined, report: ScoreReport) => void;
  log: (line: string) => void;
  now?: () => number;
}

/** setTimeout's limit; a later deadline is re-armed when this fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class ExamClock {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly ending = new Map<string, Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly opts: ExamClockOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Arms every open exam attempt in the journal: after a restart, a passed deadline ends at once. */
  resumeAll(): void {
    for (const attempt of this.opts.journal.store.attempts.open()) this.arm(attempt);
  }

  arm(attempt: Pick<AttemptRecord, 'id' | 'deadlineAt' | 'endedAt'>): void {
    if (!attempt.deadlineAt || attempt.endedAt || this.timers.has(attempt.id)) return;
    const delay = Math.max(0, Date.parse(attempt.deadlineAt) - this.now());
    const timer = setTimeout(() => {
      this.timers.delete(attempt.id);
      if (delay > MAX_DELAY_MS) this.arm(attempt);
      else void this.end(attempt.id);
    }, Math.min(delay, MAX_DELAY_MS));
    timer.unref();
    this.timers.set(attempt.id, timer);
  }

  /** Ends an attempt now (its deadline passed, or its class closed); runs once per attempt. */
  end(attemptId: string): Promise<void> {
    let ending = this.ending.get(attemptId);
    if (!ending) {
      ending = this.finish(attemptId)
        .catch((e: Error) => this.opts.log(`kubelab: ending exam attempt ${attemptId} failed: ${e.message}`))
        .finally(() => this.ending.delete(attemptId));
      this.ending.set(attemptId, ending);
    }
    return ending;
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async finish(attemptId: string): Promise<void> {
    clearTimeout(this.timers.get(attemptId));
    this.timers.delete(attemptId);
    const { store } = this.opts.journal;
    const attempt = store.attempts.get(attemptId);
    if (!attempt || attempt.endedAt) return;
    const live = this.opts.classroom.liveSession(attempt.learnerId);
    try {
      await this.gradeFinalState(attempt, live);
    } finally {
      store.attempts.end(attemptId, new Date(this.now()).toISOString());
      this.opts.journal.event(live, 'exam.ended', { attemptId });
    }
    if (live?.lab?.attemptId === attemptId) await this.opts.labs.remove(live, 'exam-over');
    const report = this.opts.classroom.reportOf(store.attempts.get(attemptId)!);
    if (report) this.opts.ended(live, report);
    if (live) this.opts.classroom.rosterChanged(live);
  }

  /** Grades the attempt's cluster as the deadline found it. */
  private async gradeFinalState(attempt: AttemptRecord, live: Session | undefined): Promise<void> {
    if (live?.lab?.attemptId === attempt.id) {
      await live.lab.settled;
      if (live.lab?.state === 'ready') await this.opts.labs.gradeAll(live, 'exam-end');
      return;
    }
    const saved = attempt.clusterName ? this.opts.journal.store.snapshots.get(attempt.clusterName) : undefined;
    const scenario = this.opts.scenarios.get(attempt.scenarioId);
    if (!saved || !scenario) return; // nothing to grade: the latest recorded results stand
    const session = this.opts.detachedSession(attempt.learnerId);
    const lab = await this.opts.labs.resume(session, scenario, attempt.version as KubeVersion, { clusterName: saved.clusterName, snapshot: JSON.parse(saved.snapshot) as unknown });
    try {
      await lab.settled;
      if (lab.state === 'ready') await this.opts.labs.gradeAll(session, 'exam-end');
    } finally {
      await this.opts.labs.remove(session, 'exam-over');
    }
  }
}

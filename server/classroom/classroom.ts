// A workshop or exam on one server: the instructor's classes, learners joining them with a code,
// the roster with each learner's progress and latest results, grading on demand, and exports.
// Everything it knows comes from the journal (SQLite) plus which sessions are live right now.

import type { KubeVersion } from '../../cluster/versions.js';
import { ApiError } from '../http/api-error.js';
import type { GradeTrigger, LabEndReason, LabHooks, LabManager } from '../lab/lab-manager.js';
import type { Lab } from '../lab/lab.js';
import type { StepReport } from '../grading/report.js';
import type { Journal } from '../persistence/journal.js';
import type { Scenario } from '../scenarios/model.js';
import type { Session, SessionStore } from '../sessions.js';
import { hashSessionId } from '../store/store.js';
import type { AttemptRecord, CheckResultRecord, ClassRecord, EventRecord, LearnerRecord } from '../store/records.js';
import { formatJoinCode } from '../store/join-code.js';
import { ExamClock } from './exam-clock.js';
import { currentStep, scoreReport, type Score, type ScoreReport } from './scoring.js';

export interface ClassSummary {
  id: string;
  name: string;
  scenarioIds: string[];
  versions: string[];
  examMinutes: number | null;
}

export interface ClassView extends ClassSummary {
  joinCode: string;
  joinUrl: string;
  createdAt: string;
  closedAt: string | null;
  learners: number;
}

export interface RosterRow {
  learnerId: string;
  displayName: string;
  joinedAt: string;
  online: boolean;
  lastSeenAt: string | null;
  attempt: null | {
    scenarioId: string;
    version: string;
    startedAt: string;
    deadlineAt: string | null;
    endedAt: string | null;
    labState: 'starting' | 'ready' | 'failed' | 'none';
    currentStep: number;
    totalSteps: number;
  };
  lastResults: { step: number; checkId: string; title: string; passed: boolean; gradedAt: string }[];
  score: Score | null;
}

export interface NewClass {
  name: string;
  scenarioIds: string[];
  versions: KubeVersion[];
  examMinutes?: number | null | undefined;
}

export interface ExamStatus {
  minutes: number;
  startedAt: string | null;
  deadlineAt: string | null;
  remainingMs: number | null;
  ended: boolean;
  report: ScoreReport | null;
}

export interface ClassroomOptions {
  journal: Journal;
  sessions: SessionStore;
  labs: LabManager;
  scenarios: ReadonlyMap<string, Scenario>;
  /** The server's own address, for join links. */
  baseUrl: () => string;
  /** Tells a learner's browsers that their exam ended, with the score. */
  examEnded: (session: Session | undefined, report: ScoreReport) => void;
  log: (line: string) => void;
}

const LAST_RESULTS = 12;
/** Events a class export carries at most (the newest); a class of 100 learners logs a few thousand. */
const EXPORTED_EVENTS = 50_000;

export class Classroom implements LabHooks {
  private readonly listeners = new Set<(classId: string, learnerId: string) => void>();
  readonly exams: ExamClock;

  constructor(private readonly opts: ClassroomOptions) {
    this.exams = new ExamClock({
      journal: opts.journal,
      labs: opts.labs,
      classroom: this,
      scenarios: opts.scenarios,
      detachedSession: (learnerId) => this.detachedSession(learnerId),
      ended: opts.examEnded,
      log: opts.log,
    });
  }

  private detachedSession(learnerId: string): Session {
    const learner = this.store.learners.get(learnerId);
    const record = this.store.sessions.ofLearner(learnerId);
    if (!learner || !record) throw new Error(`learner ${learnerId} has no session on record`);
    return this.opts.sessions.detached(record.id, { id: learner.id, displayName: learner.displayName, classId: learner.classId });
  }

  /** An exam attempt ends at its deadline: from the first start of the learner's lab. */
  deadlineFor(session: Session): Date | null {
    const classId = session.learner?.classId;
    const minutes = classId ? this.store.classes.get(classId)?.examMinutes : null;
    return minutes ? new Date(Date.now() + minutes * 60_000) : null;
  }

  started(session: Session, lab: Lab): void {
    if (lab.attemptId) this.exams.arm({ id: lab.attemptId, deadlineAt: lab.deadlineAt?.toISOString() ?? null, endedAt: null });
    this.rosterChanged(session);
  }

  ready(session: Session): void {
    this.rosterChanged(session);
  }

  ended(session: Session, _lab: Lab, _reason: LabEndReason): void {
    this.rosterChanged(session);
  }

  graded(session: Session, _lab: Lab, _reports: readonly StepReport[], _trigger: GradeTrigger): void {
    this.rosterChanged(session);
  }

  examStatus(session: Session, now: Date): ExamStatus {
    const classId = session.learner?.classId;
    const minutes = classId ? this.store.classes.get(classId)?.examMinutes : null;
    if (!session.learner || !minutes) throw new ApiError(404, 'NOT_AN_EXAM', 'You are not taking an exam.', 'Exams are classes with a time limit; your instructor starts them.');
    const attempt = this.store.attempts.latestFor(session.learner.id);
    const ended = Boolean(attempt?.endedAt);
    return {
      minutes,
      startedAt: attempt?.startedAt ?? null,
      deadlineAt: attempt?.deadlineAt ?? null,
      remainingMs: attempt?.deadlineAt && !ended ? Math.max(0, Date.parse(attempt.deadlineAt) - now.getTime()) : null,
      ended,
      report: ended && attempt ? (this.reportOf(attempt) ?? null) : null,
    };
  }

  examEnded(learnerId: string): boolean {
    const learner = this.store.learners.get(learnerId);
    const klass = learner?.classId ? this.store.classes.get(learner.classId) : undefined;
    if (!klass?.examMinutes) return false;
    return this.store.attempts.ofLearner(learnerId).some((a) => a.endedAt !== null);
  }

  private get store() {
    return this.opts.journal.store;
  }

  /** Roster changes: a learner joined, started, was graded, went on- or offline. */
  onRosterChange(listener: (classId: string, learnerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  rosterChanged(session: Session): void {
    const learner = session.learner;
    if (learner?.classId) for (const l of this.listeners) l(learner.classId, learner.id);
  }

  createClass(input: NewClass): ClassView {
    for (const id of input.scenarioIds) {
      const scenario = this.opts.scenarios.get(id);
      if (!scenario) throw new ApiError(400, 'INVALID_REQUEST', `There is no scenario "${id}".`, `Pick scenarios from GET /api/scenarios: ${[...this.opts.scenarios.keys()].join(', ')}.`);
      const missing = input.versions.filter((v) => !scenario.versions.includes(v));
      if (missing.length) throw new ApiError(400, 'INVALID_REQUEST', `Scenario "${id}" does not run on v${missing.join(', v')}.`, `Pick versions every chosen scenario runs on; "${id}" runs on ${scenario.versions.join(', ')}.`);
    }
    const record = this.store.classes.create({ name: input.name, scenarioIds: input.scenarioIds, versions: input.versions, examMinutes: input.examMinutes ?? null });
    this.opts.journal.event(undefined, 'class.created', { classId: record.id, name: record.name });
    return this.view(record);
  }

  classes(): ClassView[] {
    return this.store.classes.list().map((c) => this.view(c));
  }

  requireClass(id: string): ClassRecord {
    const record = this.store.classes.get(id);
    if (!record) throw new ApiError(404, 'CLASS_NOT_FOUND', `There is no class "${id}".`, 'Pick a class from the list on the instructor page.');
    return record;
  }

  view(record: ClassRecord): ClassView {
    return {
      ...summary(record),
      joinCode: formatJoinCode(record.joinCode),
      joinUrl: new URL(`/join?code=${formatJoinCode(record.joinCode)}`, this.opts.baseUrl()).toString(),
      createdAt: record.createdAt,
      closedAt: record.closedAt,
      learners: this.store.learners.inClass(record.id).length,
    };
  }

  summaryOf(classId: string): ClassSummary | undefined {
    const record = this.store.classes.get(classId);
    return record ? summary(record) : undefined;
  }

  join(session: Session, code: string, displayName: string): { learner: { id: string; displayName: string }; class: ClassSummary } {
    if (session.role === 'instructor') throw new ApiError(409, 'ALREADY_JOINED', 'This browser is the instructor’s.', 'Join from another browser or a private window.');
    if (session.learner?.classId) throw new ApiError(409, 'ALREADY_JOINED', 'This browser has already joined a class.', 'Use a private window (or another browser) to join as someone else.');
    const record = this.store.classes.byJoinCode(code);
    if (!record) throw new ApiError(404, 'UNKNOWN_JOIN_CODE', `No class has the join code "${code}".`, 'Check the code your instructor shows (letters and digits, e.g. ABCD-EFGH).');
    if (record.closedAt) throw new ApiError(409, 'CLASS_CLOSED', `The class "${record.name}" is closed.`, 'Ask your instructor for the code of an open class.');
    const learner = this.store.transaction(() => {
      const created = this.store.learners.create({ classId: record.id, displayName });
      this.store.sessions.bindLearner(hashSessionId(session.id), created.id);
      return created;
    });
    session.role = 'learner';
    session.learner = { id: learner.id, displayName: learner.displayName, classId: record.id };
    this.opts.journal.event(session, 'class.joined', { classId: record.id });
    this.rosterChanged(session);
    return { learner: { id: learner.id, displayName: learner.displayName }, class: summary(record) };
  }

  roster(classId: string): { class: ClassView; learners: RosterRow[] } {
    const record = this.requireClass(classId);
    return { class: this.view(record), learners: this.store.learners.inClass(classId).map((l) => this.rosterRow(l)) };
  }

  rosterRowOf(learnerId: string): RosterRow | undefined {
    const learner = this.store.learners.get(learnerId);
    return learner ? this.rosterRow(learner) : undefined;
  }

  private rosterRow(learner: LearnerRecord): RosterRow {
    const session = this.liveSession(learner.id);
    const attempt = this.store.attempts.latestFor(learner.id);
    const results = attempt ? this.store.checks.ofAttempt(attempt.id) : [];
    const report = attempt ? this.reportOf(attempt, learner, results) : undefined;
    const lab = session?.lab;
    return {
      learnerId: learner.id,
      displayName: learner.displayName,
      joinedAt: learner.createdAt,
      online: (session?.sockets ?? 0) > 0,
      lastSeenAt: session ? new Date(session.lastActivity).toISOString() : null,
      attempt:
        attempt && report
          ? {
              scenarioId: attempt.scenarioId,
              version: attempt.version,
              startedAt: attempt.startedAt,
              deadlineAt: attempt.deadlineAt,
              endedAt: attempt.endedAt,
              labState: lab && lab.attemptId === attempt.id ? lab.state : 'none',
              currentStep: currentStep(report),
              totalSteps: report.steps.length,
            }
          : null,
      lastResults: results.slice(-LAST_RESULTS).map((r) => ({ step: r.step, checkId: r.checkId, title: r.title, passed: r.passed, gradedAt: r.gradedAt })),
      score: report?.score ?? null,
    };
  }

  /**
   * The score report of an attempt from its latest results; undefined when its scenario is no longer
   * offered. Pass the attempt's results when they are already read.
   */
  reportOf(attempt: AttemptRecord, learner?: LearnerRecord, results?: readonly CheckResultRecord[]): ScoreReport | undefined {
    const scenario = this.opts.scenarios.get(attempt.scenarioId);
    const who = learner ?? this.store.learners.get(attempt.learnerId);
    if (!scenario || !who) return undefined;
    return scoreReport(scenario, attempt, who, results ?? this.store.checks.ofAttempt(attempt.id));
  }

  /** A class's event log, oldest first: joins, refused joins, labs started and ended, gradings. */
  eventsOf(classId: string): EventRecord[] {
    return this.store.events.recent({ classId, limit: EXPORTED_EVENTS }).reverse();
  }

  /** Grades every step of the learner's running lab now, as the instructor asked. */
  async grade(classId: string, learnerId: string): Promise<ScoreReport> {
    const learner = this.store.learners.get(learnerId);
    if (!learner || learner.classId !== classId) throw new ApiError(404, 'LEARNER_NOT_FOUND', `Class "${classId}" has no learner "${learnerId}".`, 'Pick a learner from the roster.');
    const session = this.liveSession(learnerId);
    if (!session?.lab) throw new ApiError(409, 'NO_LAB', `${learner.displayName} has no running lab to grade.`, 'Grade once the learner has started a lab; their earlier results are in the roster and the export.');
    await this.opts.labs.gradeAll(session, 'instructor');
    this.rosterChanged(session);
    const attempt = this.store.attempts.get(session.lab.attemptId ?? '');
    const report = attempt && this.reportOf(attempt, learner);
    if (!report) throw new ApiError(500, 'INTERNAL', 'The grading was not recorded.', 'Look at the server log.');
    return report;
  }

  /** Closes the class to new learners and ends (and grades) its running exams. */
  async close(classId: string): Promise<ClassView> {
    const record = this.requireClass(classId);
    if (!record.closedAt) this.store.classes.close(classId, new Date().toISOString());
    this.opts.journal.event(undefined, 'class.closed', { classId });
    const open = this.store.learners.inClass(classId).flatMap((l) => this.store.attempts.ofLearner(l.id).filter((a) => !a.endedAt && a.deadlineAt));
    await Promise.all(open.map((a) => this.exams.end(a.id)));
    return this.view(this.requireClass(classId));
  }

  /** Every result of an attempt, oldest first. */
  resultsOf(attemptId: string): CheckResultRecord[] {
    return this.store.checks.ofAttempt(attemptId);
  }

  /** Every attempt of a class's learners, for exports. */
  attemptsOf(classId: string): { learner: LearnerRecord; attempts: AttemptRecord[] }[] {
    return this.store.learners.inClass(classId).map((learner) => ({ learner, attempts: this.store.attempts.ofLearner(learner.id) }));
  }

  /** The live session of a learner, if their browser is known to this server run. */
  liveSession(learnerId: string): Session | undefined {
    return this.opts.sessions.all().find((s) => s.learner?.id === learnerId);
  }
}

function summary(record: ClassRecord): ClassSummary {
  return { id: record.id, name: record.name, scenarioIds: record.scenarioIds, versions: record.versions, examMinutes: record.examMinutes };
}

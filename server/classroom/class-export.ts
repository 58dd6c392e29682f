// Grades an instructor can defend: every check result of every learner of a class, with its
// evidence (the command, the identity it acted as, what it printed, when and why it was run).

import type { ClassRecord } from '../store/records.js';
import type { Classroom, ClassView } from './classroom.js';
import type { Score } from './scoring.js';

export const CSV_COLUMNS = ['class', 'learner', 'learner_id', 'scenario', 'version', 'step', 'check_id', 'check_title', 'passed', 'trigger', 'graded_at', 'identity', 'command', 'output'] as const;

export interface ClassExport {
  class: ClassView;
  exportedAt: string;
  learners: {
    learnerId: string;
    displayName: string;
    attempts: {
      scenarioId: string;
      version: string;
      startedAt: string;
      deadlineAt: string | null;
      endedAt: string | null;
      score: Score | null;
      results: { step: number; checkId: string; title: string; passed: boolean; trigger: string; gradedAt: string; identity: string; command: string; output: string; expected: string; why: string }[];
    }[];
  }[];
  /** What happened in the class, oldest first: joins (and refused ones), labs started and ended, gradings. */
  events: { at: string; learnerId: string | null; kind: string; detail: unknown }[];
}

export function classExportJson(classroom: Classroom, klass: ClassRecord, now: Date): ClassExport {
  return {
    class: classroom.view(klass),
    exportedAt: now.toISOString(),
    learners: classroom.attemptsOf(klass.id).map(({ learner, attempts }) => ({
      learnerId: learner.id,
      displayName: learner.displayName,
      attempts: attempts.map((attempt) => {
        const results = classroom.resultsOf(attempt.id);
        return {
          scenarioId: attempt.scenarioId,
          version: attempt.version,
          startedAt: attempt.startedAt,
          deadlineAt: attempt.deadlineAt,
          endedAt: attempt.endedAt,
          score: classroom.reportOf(attempt, learner, results)?.score ?? null,
          results: results.map((r) => ({
            step: r.step,
            checkId: r.checkId,
            title: r.title,
            passed: r.passed,
            trigger: r.trigger,
            gradedAt: r.gradedAt,
            identity: r.identity,
            command: r.command,
            output: r.output,
            expected: r.expected,
            why: r.why,
          })),
        };
      }),
    })),
    events: classroom.eventsOf(klass.id).map((e) => ({ at: e.at, learnerId: e.learnerId, kind: e.kind, detail: e.detail })),
  };
}

export function classExportCsv(classroom: Classroom, klass: ClassRecord): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { learner, attempts } of classroom.attemptsOf(klass.id)) {
    for (const attempt of attempts) {
      for (const r of classroom.resultsOf(attempt.id)) {
        const row = [klass.name, learner.displayName, learner.id, attempt.scenarioId, attempt.version, String(r.step), r.checkId, r.title, r.passed ? 'pass' : 'fail', r.trigger, r.gradedAt, r.identity, r.command, r.output];
        lines.push(row.map(csvField).join(','));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * RFC 4180 quoting, and a leading apostrophe for fields a spreadsheet would run as a formula
 * (a display name of "=HYPERLINK(...)" must stay text when the instructor opens the file).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

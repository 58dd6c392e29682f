// Rebuilds a session's progress book from the journal: each attempt started, and for each step
// the verdict of its latest grading (a step passed when every check of that grading passed).

import type { KubeVersion } from '../../cluster/versions.js';
import type { ProgressBook } from '../lab/progress.js';
import type { AttemptRecord, CheckResultRecord } from '../store/records.js';

export class ProgressReplay {
  constructor(private readonly book: ProgressBook) {}

  attempt(attempt: AttemptRecord, results: readonly CheckResultRecord[]): void {
    const version = attempt.version as KubeVersion;
    this.book.started(attempt.scenarioId, version, new Date(attempt.startedAt));
    for (const [step, passed] of latestVerdictPerStep(results)) this.book.checked(attempt.scenarioId, version, step, passed);
  }
}

/** Step → did its latest grading pass; results come oldest first. */
export function latestVerdictPerStep(results: readonly CheckResultRecord[]): Map<number, boolean> {
  const latest = new Map<number, { gradingId: string; passed: boolean }>();
  for (const r of results) {
    const current = latest.get(r.step);
    if (!current || current.gradingId !== r.gradingId) latest.set(r.step, { gradingId: r.gradingId, passed: r.passed });
    else current.passed &&= r.passed;
  }
  return new Map([...latest].map(([step, v]) => [step, v.passed]));
}

// Partial credit: one point per check of every step of the attempt's scenario at its version,
// counted from each check's latest result. A check never graded scores nothing. A check that
// already holds on an untouched cluster (`before: pass` or `any`: "prometheus still cannot exec")
// scores only once the learner has made progress on its step (one of the step's `before: fail`
// checks passes): otherwise an empty answer sheet would collect every such point.

import type { KubeVersion } from '../../cluster/versions.js';
import { checksFor, stepsFor, type Scenario } from '../scenarios/model.js';
import type { AttemptRecord, CheckResultRecord } from '../store/records.js';

export interface Score {
  /** Checks that pass and count (see ReportCheck.scored). */
  passed: number;
  total: number;
  percent: number;
}

export interface ReportCheck {
  checkId: string;
  title: string;
  passed: boolean;
  /** Whether this check's pass counts: false for a pass that held before the learner did anything on its step. */
  scored: boolean;
  why: string;
  command: string;
  output: string;
  identity: string;
}

export interface ScoreReport {
  learnerId: string;
  displayName: string;
  scenarioId: string;
  version: string;
  startedAt: string;
  deadlineAt: string | null;
  gradedAt: string | null;
  trigger: CheckResultRecord['trigger'] | null;
  score: Score;
  steps: { step: number; title: string; checks: ReportCheck[] }[];
}

/** The newest result of each (step, check), from results oldest first. */
function latestResults(results: readonly CheckResultRecord[]): Map<string, CheckResultRecord> {
  const latest = new Map<string, CheckResultRecord>();
  for (const r of results) latest.set(`${r.step}/${r.checkId}`, r);
  return latest;
}

export function scoreReport(scenario: Scenario, attempt: AttemptRecord, learner: { id: string; displayName: string }, results: readonly CheckResultRecord[]): ScoreReport {
  const version = attempt.version as KubeVersion;
  const latest = latestResults(results);
  const newest = results.at(-1);
  const steps = stepsFor(scenario, version).map((step) => {
    const checks = checksFor(step, version);
    const passedNow = (id: string) => latest.get(`${step.number}/${id}`)?.passed ?? false;
    const progressed = checks.some((c) => c.before === 'fail' && passedNow(c.id));
    return {
      step: step.number,
      title: step.title,
      checks: checks.map((check): ReportCheck => {
        const r = latest.get(`${step.number}/${check.id}`);
        const passed = r?.passed ?? false;
        return {
          checkId: check.id,
          title: check.title,
          passed,
          scored: passed && (check.before === 'fail' || progressed),
          why: r?.why ?? check.why,
          command: r?.command ?? '',
          output: r?.output ?? 'not graded',
          identity: r?.identity ?? '',
        };
      }),
    };
  });
  const all = steps.flatMap((s) => s.checks);
  const passed = all.filter((c) => c.scored).length;
  return {
    learnerId: learner.id,
    displayName: learner.displayName,
    scenarioId: attempt.scenarioId,
    version: attempt.version,
    startedAt: attempt.startedAt,
    deadlineAt: attempt.deadlineAt,
    gradedAt: newest?.gradedAt ?? null,
    trigger: newest?.trigger ?? null,
    score: { passed, total: all.length, percent: all.length ? Math.round((passed / all.length) * 1000) / 10 : 0 },
    steps,
  };
}

/** The first step whose latest grading did not pass all its checks (1-based); totalSteps + 1 when all did. */
export function currentStep(report: ScoreReport): number {
  const open = report.steps.find((s) => !s.checks.every((c) => c.passed));
  return open ? open.step : report.steps.length + 1;
}

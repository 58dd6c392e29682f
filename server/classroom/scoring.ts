// Partial credit: one point per check of every step of the attempt's scenario at its version,
// counted from each check's latest result. A check never graded scores nothing.

import type { KubeVersion } from '../../cluster/versions.js';
import { checksFor, stepsFor, type Scenario } from '../scenarios/model.js';
import type { AttemptRecord, CheckResultRecord } from '../store/records.js';

export interface Score {
  passed: number;
  total: number;
  percent: number;
}

export interface ReportCheck {
  checkId: string;
  title: string;
  passed: boolean;
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
  const steps = stepsFor(scenario, version).map((step) => ({
    step: step.number,
    title: step.title,
    checks: checksFor(step, version).map((check): ReportCheck => {
      const r = latest.get(`${step.number}/${check.id}`);
      return { checkId: check.id, title: check.title, passed: r?.passed ?? false, why: r?.why ?? check.why, command: r?.command ?? '', output: r?.output ?? 'not graded', identity: r?.identity ?? '' };
    }),
  }));
  const all = steps.flatMap((s) => s.checks);
  const passed = all.filter((c) => c.passed).length;
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

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenarios/loader.js';
import { defaultScenariosDir } from '../scenarios/catalog.js';
import { checksFor, stepsFor, type Scenario } from '../scenarios/model.js';
import type { AttemptRecord, CheckResultRecord } from '../store/records.js';
import { scoreReport } from './scoring.js';

const loaded = loadScenario(defaultScenariosDir(), '11-mixed-exam');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const scenario: Scenario = loaded.scenario;
const VERSION = '1.33';
const attempt: AttemptRecord = { id: 'a1', learnerId: 'l1', scenarioId: scenario.id, version: VERSION, startedAt: '2026-01-01T00:00:00Z', deadlineAt: null, endedAt: null, clusterName: null };
const learner = { id: 'l1', displayName: 'Ada' };

/** One grading of every check: `passes(before)` says which pass, by what the check gives untouched. */
function graded(passes: (before: string, step: number) => boolean): CheckResultRecord[] {
  let id = 0;
  return stepsFor(scenario, VERSION).flatMap((step) =>
    checksFor(step, VERSION).map((check) => ({
      id: ++id, attemptId: 'a1', gradingId: 'g1', trigger: 'exam-end' as const, step: step.number, checkId: check.id, title: check.title, type: check.type,
      passed: passes(check.before, step.number), command: '', identity: '', output: '', expected: '', why: check.why, error: null, gradedAt: '2026-01-01T00:30:00Z',
    })),
  );
}

describe('exam scoring', () => {
  const checks = stepsFor(scenario, VERSION).flatMap((s) => checksFor(s, VERSION));
  const guards = checks.filter((c) => c.before !== 'fail').length;

  it('gives an untouched cluster nothing, though its guard checks pass', () => {
    expect(guards).toBeGreaterThan(0);
    const report = scoreReport(scenario, attempt, learner, graded((before) => before === 'pass'));
    expect(report.score).toEqual({ passed: 0, total: checks.length, percent: 0 });
    const untouched = report.steps.flatMap((s) => s.checks).filter((c) => c.passed);
    expect(untouched.length).toBe(checks.filter((c) => c.before === 'pass').length);
    expect(untouched.every((c) => !c.scored)).toBe(true);
  });

  it('counts a step\'s guards once its own work shows, and every check of a solved exam', () => {
    const firstStepOnly = scoreReport(scenario, attempt, learner, graded((before, step) => before === 'pass' || step === 1));
    const stepOne = firstStepOnly.steps[0]!.checks;
    expect(firstStepOnly.score.passed).toBe(stepOne.length);
    expect(stepOne.every((c) => c.scored)).toBe(true);
    expect(scoreReport(scenario, attempt, learner, graded(() => true)).score).toEqual({ passed: checks.length, total: checks.length, percent: 100 });
  });
});

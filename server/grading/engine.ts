// The grader: runs the checks of a scenario step against a cluster, concurrently, and reports
// each with the command to see it, its output, what was expected and why. Used by
// `kubelab grade`, `kubelab scenario test` and the web lab.

import type { KubeVersion } from '../../cluster/versions.js';
import { checksFor, stepsFor, type Scenario, type Step } from '../scenarios/model.js';
import type { Check } from '../scenarios/schema.js';
import { runCheck } from './checks/index.js';
import type { CheckResult, StepReport } from './report.js';
import { GradingRun, GradingSession, type GradeOptions } from './session.js';
import type { GradingTarget } from './target.js';

/** The options to open a session, or a session to reuse (as the web lab does per learner). */
export type StepGradeOptions = GradeOptions | { session: GradingSession };

export async function gradeStep(target: GradingTarget, scenario: Scenario, stepNumber: number, opts: StepGradeOptions): Promise<StepReport> {
  return withSession(target, opts, (session) => gradeWithSession(session, scenario, stepNumber));
}

/** Every step the scenario has on the cluster's version, in order. */
export async function gradeScenario(target: GradingTarget, scenario: Scenario, opts: StepGradeOptions): Promise<StepReport[]> {
  return withSession(target, opts, async (session) => {
    const reports: StepReport[] = [];
    for (const step of stepsFor(scenario, session.version)) reports.push(await gradeWithSession(session, scenario, step.number));
    return reports;
  });
}

export async function gradeWithSession(session: GradingSession, scenario: Scenario, stepNumber: number): Promise<StepReport> {
  const started = performance.now();
  const step = findStep(scenario, stepNumber, session.version);
  const run = new GradingRun(session, scenario);
  const checks = await Promise.all(checksFor(step, session.version).map((check) => gradeCheck(check, run)));
  return {
    scenario: scenario.id,
    step: step.number,
    title: step.title,
    version: session.version,
    passed: checks.every((c) => c.passed),
    checks,
    durationMs: performance.now() - started,
  };
}

async function gradeCheck(check: Check, run: GradingRun): Promise<CheckResult> {
  const started = performance.now();
  const head = { id: check.id, title: check.title, type: check.type };
  try {
    const outcome = await runCheck(check, run);
    return { ...head, ...outcome, durationMs: performance.now() - started };
  } catch (e) {
    return { ...head, passed: false, command: '', output: '', expected: '', why: check.why, error: (e as Error).message, durationMs: performance.now() - started };
  }
}

function findStep(scenario: Scenario, stepNumber: number, version: KubeVersion): Step {
  if (!scenario.versions.includes(version)) throw new Error(`scenario "${scenario.id}" does not run on v${version}: it runs on ${scenario.versions.join(', ')}`);
  const step = scenario.steps.find((s) => s.number === stepNumber);
  if (!step) throw new Error(`scenario "${scenario.id}" has no step ${stepNumber}: it has steps 1 to ${scenario.steps.length}`);
  if (!step.versions.includes(version)) throw new Error(`step ${stepNumber} of "${scenario.id}" does not run on v${version}: it runs on ${step.versions.join(', ')}`);
  return step;
}

async function withSession<T>(target: GradingTarget, opts: StepGradeOptions, fn: (s: GradingSession) => Promise<T>): Promise<T> {
  if ('session' in opts) return fn(opts.session);
  const session = await GradingSession.open(target, opts);
  try {
    return await fn(session);
  } finally {
    session.close();
  }
}

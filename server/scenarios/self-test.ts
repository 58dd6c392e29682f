// A scenario's self-test, per version: on a fresh cluster with the setup applied, an untouched
// cluster must fail every check the learner has to change (a grader that passes without work is a
// bug) and pass the ones marked `before: pass`; each step's solution must make all its checks
// pass. Each wrong solution runs on its own fresh cluster, after the solutions of the earlier
// steps, and must fail its step (through the checks it names, when it names them).

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster, ClusterSpec } from '../../cluster/provider.js';
import type { KubeVersion } from '../../cluster/versions.js';
import { startEmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { gradeWithSession } from '../grading/engine.js';
import type { StepReport } from '../grading/report.js';
import { GradingSession } from '../grading/session.js';
import { clusterSpecFor } from './cluster-spec.js';
import { stepsFor, type Scenario, type WrongSolution } from './model.js';
import { applySetup, runScenarioScript } from './setup.js';

export interface SelfTestFinding {
  phase: 'cluster' | 'setup' | 'untouched' | 'solution' | 'wrong-solution';
  step?: number;
  /** The check id or the wrong solution's file. */
  subject?: string;
  ok: boolean;
  message: string;
}

export interface SelfTestResult {
  scenario: string;
  version: KubeVersion;
  passed: boolean;
  findings: SelfTestFinding[];
  /** Time to grade each step after its solution ran (the figure learners wait for). */
  gradeMs: number[];
  durationMs: number;
}

export interface SelfTestOptions {
  kubectl: string;
  /** Scratch space for clusters and kubectl caches; removed afterwards. */
  workDir?: string;
  progress?: (line: string) => void;
  /** How clusters are made; default: an embedded cluster. */
  startCluster?: (spec: ClusterSpec, dataDir: string) => Promise<Cluster>;
}

let clusterCounter = 0;

export async function selfTestScenario(scenario: Scenario, version: KubeVersion, opts: SelfTestOptions): Promise<SelfTestResult> {
  const started = performance.now();
  const work = mkdtempSync(join(opts.workDir ?? join(process.env.TMPDIR ?? '/tmp'), 'kubelab-selftest-'));
  const findings: SelfTestFinding[] = [];
  const gradeMs: number[] = [];
  const say = (line: string) => opts.progress?.(`[${scenario.id} v${version}] ${line}`);
  try {
    await onFreshCluster(scenario, version, work, opts, findings, async (cluster, session) => {
      for (const step of stepsFor(scenario, version)) {
        say(`step ${step.number}: grading the untouched cluster`);
        judgeUntouched(scenario, version, await gradeWithSession(session, scenario, step.number), findings);
        say(`step ${step.number}: running the solution`);
        const solved = await runScenarioScript(cluster, scenario, step.solution, { kubectl: opts.kubectl, dataDir: work, version });
        if (solved.code !== 0) {
          findings.push({ phase: 'solution', step: step.number, ok: false, message: `the solution script exited with ${solved.code}${solved.timedOut ? ' (timed out)' : ''}:\n${solved.output.trim()}` });
          return;
        }
        const report = await gradeWithSession(session, scenario, step.number);
        gradeMs.push(report.durationMs);
        judgeSolved(report, findings);
      }
    });
    for (const wrong of scenario.wrongSolutions.filter((w) => w.versions.includes(version))) {
      say(`wrong solution ${wrong.relative} (step ${wrong.step})`);
      await onFreshCluster(scenario, version, work, opts, findings, async (cluster, session) => {
        for (const step of stepsFor(scenario, version).filter((s) => s.number < wrong.step)) {
          const r = await runScenarioScript(cluster, scenario, step.solution, { kubectl: opts.kubectl, dataDir: work, version });
          if (r.code !== 0) {
            findings.push({ phase: 'wrong-solution', step: wrong.step, subject: wrong.relative, ok: false, message: `the solution of step ${step.number} failed before the wrong solution could run:\n${r.output.trim()}` });
            return;
          }
        }
        const r = await runScenarioScript(cluster, scenario, wrong.file, { kubectl: opts.kubectl, dataDir: work, version });
        if (r.code !== 0) {
          findings.push({ phase: 'wrong-solution', step: wrong.step, subject: wrong.relative, ok: false, message: `the wrong solution script itself failed (exit ${r.code}), so it proves nothing:\n${r.output.trim()}` });
          return;
        }
        judgeWrong(wrong, await gradeWithSession(session, scenario, wrong.step), findings);
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { scenario: scenario.id, version, passed: findings.every((f) => f.ok), findings, gradeMs, durationMs: performance.now() - started };
}

async function onFreshCluster(
  scenario: Scenario,
  version: KubeVersion,
  work: string,
  opts: SelfTestOptions,
  findings: SelfTestFinding[],
  body: (cluster: Cluster, session: GradingSession) => Promise<void>,
): Promise<void> {
  clusterCounter += 1;
  const name = `st${process.pid % 100000}-${clusterCounter}`;
  const spec = clusterSpecFor(scenario, version, name);
  let cluster: Cluster;
  try {
    cluster = await (opts.startCluster ?? defaultStart)(spec, join(work, name));
  } catch (e) {
    findings.push({ phase: 'cluster', ok: false, message: `the cluster did not start: ${(e as Error).message}` });
    return;
  }
  let session: GradingSession | undefined;
  let phase: SelfTestFinding['phase'] = 'setup';
  try {
    await applySetup(cluster, scenario, { kubectl: opts.kubectl, dataDir: work, version });
    phase = 'cluster';
    session = await GradingSession.open(cluster, { kubectl: opts.kubectl, dataDir: work, version });
    await body(cluster, session);
  } catch (e) {
    findings.push({ phase, ok: false, message: phase === 'setup' ? (e as Error).message : `grading stopped: ${(e as Error).message}` });
  } finally {
    session?.close();
    await cluster.delete();
  }
}

function defaultStart(spec: ClusterSpec, dataDir: string): Promise<Cluster> {
  return startEmbeddedCluster({ spec, dataDir });
}

function judgeUntouched(scenario: Scenario, version: KubeVersion, report: StepReport, findings: SelfTestFinding[]): void {
  const step = scenario.steps.find((s) => s.number === report.step);
  for (const result of report.checks) {
    const before = step?.checks[version]?.find((c) => c.id === result.id)?.before ?? 'fail';
    const finding = { phase: 'untouched' as const, step: report.step, subject: result.id };
    if (result.error) findings.push({ ...finding, ok: false, message: `could not run on the untouched cluster: ${result.error}` });
    else if (before === 'fail' && result.passed) findings.push({ ...finding, ok: false, message: `passes on an untouched cluster, so it gives credit without work (output: ${result.output.split('\n')[0]})` });
    else if (before === 'pass' && !result.passed) findings.push({ ...finding, ok: false, message: `is marked before: pass but fails on an untouched cluster (output: ${result.output.split('\n')[0]})` });
  }
  if (!findings.some((f) => f.phase === 'untouched' && f.step === report.step && !f.ok)) {
    findings.push({ phase: 'untouched', step: report.step, ok: true, message: `the untouched cluster fails step ${report.step} as it should` });
  }
}

function judgeSolved(report: StepReport, findings: SelfTestFinding[]): void {
  for (const result of report.checks.filter((c) => !c.passed)) {
    findings.push({
      phase: 'solution',
      step: report.step,
      subject: result.id,
      ok: false,
      message: result.error ? `could not run after the solution: ${result.error}` : `fails after the solution: expected ${result.expected}, got: ${result.output.split('\n').slice(0, 3).join(' | ')}`,
    });
  }
  if (report.passed) findings.push({ phase: 'solution', step: report.step, ok: true, message: `the solution passes all ${report.checks.length} checks of step ${report.step}` });
}

function judgeWrong(wrong: WrongSolution, report: StepReport, findings: SelfTestFinding[]): void {
  const finding = { phase: 'wrong-solution' as const, step: wrong.step, subject: wrong.relative };
  const errored = report.checks.filter((c) => c.error);
  const failing = new Set(report.checks.filter((c) => !c.passed).map((c) => c.id));
  const missed = (wrong.failsChecks ?? []).filter((id) => !failing.has(id));
  if (errored.length) findings.push({ ...finding, ok: false, message: `checks could not run: ${errored.map((c) => `${c.id}: ${c.error}`).join('; ')}` });
  else if (report.passed) findings.push({ ...finding, ok: false, message: `the grader PASSES this wrong solution (${wrong.why})` });
  else if (missed.length) findings.push({ ...finding, ok: false, message: `fails, but not through ${missed.join(', ')} (failing: ${[...failing].join(', ')})` });
  else findings.push({ ...finding, ok: true, message: `fails as it should (${[...failing].join(', ')})` });
}

// Grading figures (issue #4): how long the learner waits for one step to be graded, on the
// 10-check step of the least-privilege scenario (can-i, kubelet, kubelet-exec, resource and
// no-grant checks) at v1.36, graded as the web lab does (one grading session per learner) and as
// `kubelab grade` does (a new session each time); and the run time of the whole scenario
// self-test (every shipped scenario on every version it claims), which is what CI pays.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedCluster } from '../cluster/embedded/cluster.js';
import type { KubeVersion } from '../cluster/versions.js';
import { gradeStep, gradeWithSession } from '../server/grading/engine.js';
import { graderKubectl } from '../server/grading/kubectl.js';
import { GradingSession } from '../server/grading/session.js';
import { defaultScenariosDir } from '../server/scenarios/catalog.js';
import { clusterSpecFor } from '../server/scenarios/cluster-spec.js';
import { loadScenarios } from '../server/scenarios/loader.js';
import { selfTestScenario } from '../server/scenarios/self-test.js';
import { applySetup, runScenarioScript } from '../server/scenarios/setup.js';
import { median, percentile, type BenchResult } from './stats.js';

const SCENARIO = 'least-privilege-monitoring';
const VERSION: KubeVersion = '1.36';
const STEP_INDEX = 2;
const P50_TARGET_MS = 1000;

function scenarios() {
  const catalog = loadScenarios(defaultScenariosDir());
  if (catalog.invalid.length) throw new Error(`shipped scenarios do not load: ${catalog.invalid.map((i) => i.folder).join(', ')} (run \`kubelab scenario validate\`)`);
  return catalog.scenarios;
}

export async function gradingStepTime(rounds = 11, freshRounds = 5): Promise<BenchResult[]> {
  const scenario = scenarios().find((s) => s.id === SCENARIO);
  if (!scenario) throw new Error(`scenario ${SCENARIO} is not shipped any more: pick another 10-check step for this benchmark`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-grading-'));
  const kubectl = await graderKubectl(dataDir);
  const cluster = await startEmbeddedCluster({ spec: clusterSpecFor(scenario, VERSION, 'bench-grading'), dataDir });
  try {
    const opts = { kubectl, dataDir, version: VERSION };
    await applySetup(cluster, scenario, opts);
    for (const step of scenario.steps) {
      const result = await runScenarioScript(cluster, scenario, step.solution, opts);
      if (result.code !== 0) throw new Error(`solution of step ${step.number} exited with ${result.code}`);
    }
    const step = scenario.steps[STEP_INDEX]!;
    const checks = step.checks[VERSION]?.length ?? 0;

    const inSession: number[] = [];
    const session = await GradingSession.open(cluster, opts);
    try {
      for (let i = 0; i < rounds; i++) {
        const report = await gradeWithSession(session, scenario, step.number);
        if (!report.passed) throw new Error(`step ${step.number} did not pass after its solution: the benchmark measures a passing step`);
        inSession.push(report.durationMs);
      }
    } finally {
      session.close();
    }
    const fresh: number[] = [];
    for (let i = 0; i < freshRounds; i++) {
      const started = performance.now();
      if (!(await gradeStep(cluster, scenario, step.number, opts)).passed) throw new Error(`step ${step.number} did not pass`);
      fresh.push(performance.now() - started);
    }
    const sorted = [...inSession].sort((a, b) => a - b);
    const p50 = median(inSession);
    const where = `${SCENARIO} step ${step.number} (${checks} checks), v${VERSION}`;
    return [
      { name: `grade a ${checks}-check step, in a session (p50)`, value: p50, unit: 'ms', target: `<= ${P50_TARGET_MS} ms`, ok: p50 <= P50_TARGET_MS, detail: `${where}; ${rounds} rounds, p90 ${percentile(sorted, 90).toFixed(0)} ms; as the web lab grades` },
      { name: `grade a ${checks}-check step, fresh session (p50)`, value: median(fresh), unit: 'ms', detail: `${where}; ${freshRounds} rounds; as \`kubelab grade\` grades` },
    ];
  } finally {
    await cluster.delete();
  }
}

export async function scenarioSelfTestTime(): Promise<BenchResult[]> {
  const workDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-selftest-'));
  const kubectl = await graderKubectl(workDir);
  const runs = scenarios().flatMap((s) => s.versions.map((v) => ({ scenario: s, version: v })));
  const started = performance.now();
  const failed: string[] = [];
  for (const { scenario, version } of runs) {
    const result = await selfTestScenario(scenario, version, { kubectl, workDir });
    if (!result.passed) failed.push(`${scenario.id} v${version}`);
  }
  const seconds = (performance.now() - started) / 1000;
  return [
    {
      name: 'scenario self-test, every shipped scenario and version',
      value: seconds,
      unit: 's',
      detail: `${runs.length} scenario×version runs, one after another${failed.length ? `; FAILED: ${failed.join(', ')}` : ', all passed'}`,
    },
  ];
}

// Figures for the report: how long grading one step takes, on the 10-check step of the
// least-privilege scenario (can-i, kubelet, kubelet-exec, resource and no-grant checks), graded
// the way the web lab does (one session per learner) and the way `kubelab grade` does (a new
// session each time). Printed, and bounded loosely: the machine is shared.

import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { defaultScenariosDir } from '../../server/scenarios/catalog.js';
import { clusterSpecFor } from '../../server/scenarios/cluster-spec.js';
import { loadScenarios } from '../../server/scenarios/loader.js';
import { applySetup, runScenarioScript } from '../../server/scenarios/setup.js';
import { gradeStep, gradeWithSession } from '../../server/grading/engine.js';
import { GradingSession } from '../../server/grading/session.js';
import { testKubectl } from './support.js';

const ROUNDS = 11;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

describe('grading speed', () => {
  it('grades a 10-check step', async () => {
    const scenario = loadScenarios(defaultScenariosDir()).scenarios.find((s) => s.id === 'least-privilege-monitoring')!;
    const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
    const kubectl = await testKubectl();
    const cluster = await startEmbeddedCluster({ spec: clusterSpecFor(scenario, '1.36', `bench${process.pid % 10000}`), dataDir });
    try {
      const opts = { kubectl, dataDir, version: '1.36' as const };
      await applySetup(cluster, scenario, opts);
      for (const step of scenario.steps) expect((await runScenarioScript(cluster, scenario, step.solution, opts)).code).toBe(0);
      const step = scenario.steps[2]!;
      expect(step.checks['1.36']).toHaveLength(10);

      const session = await GradingSession.open(cluster, opts);
      const inSession: number[] = [];
      try {
        for (let i = 0; i < ROUNDS; i++) {
          const report = await gradeWithSession(session, scenario, step.number);
          expect(report.passed).toBe(true);
          inSession.push(report.durationMs);
          if (i === ROUNDS - 1) console.log(report.checks.map((c) => `${c.id} ${Math.round(c.durationMs)}ms`).join(", "));
        }
      } finally {
        session.close();
      }
      const fresh: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        expect((await gradeStep(cluster, scenario, step.number, opts)).passed).toBe(true);
        fresh.push(performance.now() - started);
      }
      const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      console.log(
        `10-check step (least-privilege-monitoring step 3, v1.36): in a session p50 ${fmt(percentile(inSession, 0.5))} p90 ${fmt(percentile(inSession, 0.9))}; ` +
          `fresh session each time p50 ${fmt(percentile(fresh, 0.5))}`,
      );
      expect(percentile(inSession, 0.5)).toBeLessThan(5000);
    } finally {
      await cluster.delete();
    }
  }, 300_000);
});

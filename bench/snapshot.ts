// Issue #7 figures: what saving and restoring a learner's embedded cluster costs, on a typical lab
// cluster (the least-privilege scenario's setup and solutions applied with the real kubectl):
// snapshot time, size as JSON and gzipped, parse time of the stored JSON, and restore time.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEmbeddedCluster } from '../cluster/embedded/cluster.js';
import { parseClusterSnapshot } from '../cluster/embedded/snapshot-format.js';
import { ensureKubectl } from '../cluster/tools/kubectl.js';
import { defaultScenariosDir } from '../server/scenarios/catalog.js';
import { clusterSpecFor } from '../server/scenarios/cluster-spec.js';
import { loadScenarios } from '../server/scenarios/loader.js';
import { applySetup, runScenarioScript } from '../server/scenarios/setup.js';
import { median, percentile, type BenchResult } from './stats.js';

const SCENARIO = 'least-privilege-monitoring';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

export async function snapshotRoundTrip(runs = 10): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-snapshot-'));
  const scenario = loadScenarios(defaultScenariosDir()).scenarios.find((s) => s.id === SCENARIO);
  if (!scenario) throw new Error(`scenario "${SCENARIO}" not found under ${defaultScenariosDir()}`);
  const opts = { kubectl: (await ensureKubectl(dataDir)).path, dataDir, version: '1.36' as const };
  const cluster = await startEmbeddedCluster({ spec: clusterSpecFor(scenario, '1.36', 'benchsnap'), dataDir, decisionLogFile: false });
  await applySetup(cluster, scenario, opts);
  for (const step of scenario.steps) await runScenarioScript(cluster, scenario, step.solution, opts);

  const snapshotMs: number[] = [];
  const parseMs: number[] = [];
  const restoreMs: number[] = [];
  let json = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    json = JSON.stringify(await cluster.snapshot());
    snapshotMs.push(performance.now() - started);
  }
  await cluster.delete();
  for (let i = 0; i < runs; i++) {
    const parsed = timed(() => parseClusterSnapshot(json));
    parseMs.push(parsed.ms);
    const started = performance.now();
    const restored = await startEmbeddedCluster({ restore: parsed.value, dataDir, decisionLogFile: false });
    restoreMs.push(performance.now() - started);
    await restored.delete();
  }
  const objects = Object.values(parseClusterSnapshot(json).store.resources).reduce((n, list) => n + list.length, 0);
  const p90 = (values: number[]) => percentile([...values].sort((a, b) => a - b), 90).toFixed(1);
  return [
    { name: 'snapshot + JSON.stringify (median)', value: median(snapshotMs), unit: 'ms', detail: `${runs} runs, p90 ${p90(snapshotMs)} ms, ${objects} objects` },
    { name: 'snapshot size, JSON', value: json.length / 1024, unit: 'KiB' },
    { name: 'snapshot size, gzipped', value: gzipSync(json).length / 1024, unit: 'KiB' },
    { name: 'parseClusterSnapshot of the JSON text (median)', value: median(parseMs), unit: 'ms', detail: `${runs} runs, p90 ${p90(parseMs)} ms` },
    { name: 'restore to ready, in-process (median)', value: median(restoreMs), unit: 'ms', detail: `${runs} runs, p90 ${p90(restoreMs)} ms, parse excluded` },
  ];
}

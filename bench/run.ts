// `npm run bench`: runs every benchmark, prints one table and writes bench/results/<suite>-<time>.json.
// Pass benchmark names to run a subset: npm run bench -- ssar rss
// From sources, without building: npx tsx bench/run.ts ssar

import { clusterReadyTime, clusterUpCommand, kubectlWallTime, kubeletColdAuthorization, rssPerIdleCluster, start } from './apiserver-bench.js';
import { gradingStepTime, scenarioSelfTestTime } from './grading-bench.js';
import { THROUGHPUT_METHOD, kubeletHealthzThroughput, ssarThroughput } from './throughput-bench.js';
import { printTable, writeResults, type BenchResult } from './stats.js';
import { accessMatrixLatency, keystrokeEcho, labStartToPrompt } from './web-bench.js';
import { classroomLoad } from './classroom-bench.js';
import { snapshotRoundTrip } from './snapshot.js';

const BENCHMARKS: Record<string, () => Promise<BenchResult[]>> = {
  ready: () => clusterReadyTime(),
  'cluster-up': () => clusterUpCommand(),
  kubectl: () => kubectlWallTime(),
  ssar: () => ssarThroughput({ start }),
  rss: () => rssPerIdleCluster(),
  'kubelet-healthz': () => kubeletHealthzThroughput({ start }),
  'kubelet-cold': () => kubeletColdAuthorization(),
  grading: () => gradingStepTime(),
  'scenario-self-test': () => scenarioSelfTestTime(),
  'lab-start': () => labStartToPrompt(),
  'access-matrix': () => accessMatrixLatency(),
  keystrokes: () => keystrokeEcho(),
  'classroom-load': () => classroomLoad(),
  snapshot: () => snapshotRoundTrip(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
/** How a benchmark measures, where its table row cannot say it all: printed and kept with the results. */
const METHOD_NOTES: Record<string, string> = { ssar: THROUGHPUT_METHOD, 'kubelet-healthz': THROUGHPUT_METHOD };

const results: BenchResult[] = [];
const notes = new Set<string>();
for (const [name, bench] of Object.entries(BENCHMARKS)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stderr.write(`running ${name} ...\n`);
  results.push(...(await bench()));
  if (METHOD_NOTES[name]) notes.add(METHOD_NOTES[name]);
}
printTable(results);
for (const note of notes) console.log(`\n${note}`);
console.log(`\nwritten to ${writeResults('kubelab', results, [...notes])}`);

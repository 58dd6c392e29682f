// `npm run bench`: runs every benchmark, prints one table and writes bench/results/<suite>-<time>.json.
// Pass benchmark names to run a subset: npm run bench -- ssar rss

import { clusterReadyTime, clusterUpCommand, kubectlWallTime, kubeletColdAuthorization, kubeletHealthzThroughput, rssPerIdleCluster, ssarThroughput } from './apiserver-bench.js';
import { printTable, writeResults, type BenchResult } from './stats.js';
import { accessMatrixLatency, keystrokeEcho, labStartToPrompt } from './web-bench.js';

const BENCHMARKS: Record<string, () => Promise<BenchResult[]>> = {
  ready: () => clusterReadyTime(),
  'cluster-up': () => clusterUpCommand(),
  kubectl: () => kubectlWallTime(),
  ssar: () => ssarThroughput(),
  rss: () => rssPerIdleCluster(),
  'kubelet-healthz': () => kubeletHealthzThroughput(),
  'kubelet-cold': () => kubeletColdAuthorization(),
  'lab-start': () => labStartToPrompt(),
  'access-matrix': () => accessMatrixLatency(),
  keystrokes: () => keystrokeEcho(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const results: BenchResult[] = [];
for (const [name, bench] of Object.entries(BENCHMARKS)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stderr.write(`running ${name} ...\n`);
  results.push(...(await bench()));
}
printTable(results);
console.log(`\nwritten to ${writeResults('kubelab', results)}`);

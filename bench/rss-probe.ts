// Child process for the RSS benchmark: a fresh Node process, one warm-up cluster (so module code
// is loaded before the baseline), then N idle clusters; prints the memory deltas as JSON.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster/embedded/cluster.js';

const count = Number(process.argv[2] ?? '10');
const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-rss-'));
const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  return process.memoryUsage();
}

await (await startEmbeddedCluster({ spec: { name: 'warmup', version: '1.33' }, dataDir })).delete();
const before = await settle();
const clusters: EmbeddedCluster[] = [];
for (let i = 0; i < count; i++) clusters.push(await startEmbeddedCluster({ spec: { name: `rss${i}`, version: '1.33' }, dataDir }));
const after = await settle();
process.stdout.write(
  JSON.stringify({
    count,
    rssPerClusterBytes: (after.rss - before.rss) / count,
    heapPerClusterBytes: (after.heapUsed + after.external - before.heapUsed - before.external) / count,
  }) + '\n',
);
for (const c of clusters) await c.delete();

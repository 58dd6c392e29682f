// Starts embedded clusters for tests, each with its own data dir, and stops them afterwards.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import type { ClusterSpec } from '../../cluster/provider.js';

let counter = 0;

export async function startTestCluster(spec: Partial<ClusterSpec> & Pick<ClusterSpec, 'version'>): Promise<EmbeddedCluster> {
  counter += 1;
  const name = spec.name ?? `t${process.pid % 10000}-${counter}`;
  return startEmbeddedCluster({ spec: { ...spec, name }, dataDir: mkdtempSync(join(tmpdir(), 'kubelab-test-')) });
}

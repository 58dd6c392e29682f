// The cluster contract against real kind clusters, where `kubelab doctor` finds Docker and a kind
// that can run v1.33; skipped with the doctor's reason everywhere else (no Docker engine in CI).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { runDoctor } from '../../cluster/kind/host-doctor.js';
import { KindProvider } from '../../cluster/kind/kind-provider.js';
import { supportedKubectls } from '../support/kubectl.js';
import { clusterContract } from './cluster-contract.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-kind-contract-'));
const report = await runDoctor({ dataDir });
const v133 = report.kind.versions['1.33'];

if (report.kind.usable && v133.usable) {
  const kubectl = (await supportedKubectls()).at(-1)?.path;
  const provider = new KindProvider({ stateDir: join(dataDir, 'kind'), ...(kubectl ? { kubectl } : {}) });
  let n = 0;
  clusterContract('kind', (spec) => provider.create({ ...spec, name: `contract-${process.pid}-${++n}` }), { directToNodeIp: false });
} else {
  const reason = report.kind.blockedBy.length ? `kubelab doctor: kind runtime blocked by ${report.kind.blockedBy.join(', ')}` : `kubelab doctor: v1.33 cannot run (${v133.problems.join('; ')})`;
  describe('the cluster contract: kind', () => {
    it.skip(`skipped: ${reason}`, () => {});
  });
}

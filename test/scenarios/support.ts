// Test helpers for scenarios and grading: a kubectl for the grader, embedded clusters, and
// scenario folders written to a temporary directory.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import type { ClusterSpec } from '../../cluster/provider.js';
import type { KubeVersion } from '../../cluster/versions.js';
import { graderKubectl } from '../../server/grading/kubectl.js';

export const TEST_DATA_DIR = join(tmpdir(), 'kubelab-test-data');

let kubectl: Promise<string> | undefined;
export function testKubectl(): Promise<string> {
  kubectl ??= graderKubectl(TEST_DATA_DIR);
  return kubectl;
}

let counter = 0;
export async function startCluster(version: KubeVersion, spec: Partial<ClusterSpec> = {}): Promise<EmbeddedCluster> {
  counter += 1;
  const name = `g${process.pid % 10000}-${counter}`;
  return startEmbeddedCluster({ spec: { name, version, ...spec }, dataDir: mkdtempSync(join(tmpdir(), 'kubelab-grading-')) });
}

/** Writes `files` (path → content) into a fresh folder; returns that folder. */
export function writeTree(files: Record<string, string>, root = mkdtempSync(join(tmpdir(), 'kubelab-scenarios-'))): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A small valid scenario (one step, two versions), as files under `folder`. */
export function minimalScenario(folder = '01-tiny', overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const files: Record<string, string | undefined> = {
    'scenario.yaml': [
      'id: tiny',
      'title: A tiny scenario',
      'summary: Create one ConfigMap.',
      'difficulty: beginner',
      'minutes: 5',
      'versions:',
      '  "1.33": {}',
      '  "1.36": {}',
      'setup:',
      '  - setup/00-ns.yaml',
      'wrongSolutions:',
      '  - file: wrong/wrong-name.sh',
      '    step: 1',
      '    why: The ConfigMap has the wrong name.',
      '    failsChecks: [cm-exists]',
      '  - file: wrong/wrong-namespace.sh',
      '    step: 1',
      '    why: The ConfigMap is in the wrong namespace.',
      '',
    ].join('\n'),
    'setup/00-ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tiny\n',
    'steps/01-create.md': '# Create a ConfigMap\n\nCreate `tiny/hello`.\n',
    'steps/01-create.yaml': [
      'hints:',
      '  - kubectl create configmap',
      'checks:',
      '  - id: cm-exists',
      '    type: resource',
      '    title: tiny/hello exists',
      '    kind: ConfigMap',
      '    name: hello',
      '    namespace: tiny',
      '    expect: { exists: true }',
      '    why: The step asks for it.',
      '',
    ].join('\n'),
    'solutions/01-create.sh': 'set -e\nkubectl create configmap hello -n tiny\n',
    'wrong/wrong-name.sh': 'set -e\nkubectl create configmap hallo -n tiny\n',
    'wrong/wrong-namespace.sh': 'set -e\nkubectl create configmap hello -n default\n',
    'finish.md': '# Done\n',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(files)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([path, content]) => [`${folder}/${path}`, content]),
  );
}

// kill -9 in the middle of a stream of gradings: every grading committed before the kill is
// there after reopening, and none is there in part.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from './store.js';

const CHECKS_PER_GRADING = 20;
/** Kill the writer once it has reported this many commits. */
const KILL_AFTER = 40;

// The writer runs our store through tsx and reports each grading on stdout after its commit
// returned (stdout to a pipe is synchronous on Linux, so a reported grading was committed).
const WRITER = `
const { openStore } = await import(${JSON.stringify(fileURLToPath(new URL('./store.ts', import.meta.url)))});
const [file, attemptId] = process.argv.slice(1);
const store = openStore(file);
const output = 'evidence '.repeat(300);
for (let n = 1; n <= 100000; n++) {
  store.checks.record(Array.from({ length: ${CHECKS_PER_GRADING} }, (_, i) => ({
    attemptId, gradingId: 'g' + n, trigger: 'learner', step: 1, checkId: 'c' + i, title: 't', type: 'k',
    passed: i % 2 === 0, command: 'kubectl get --raw /api', identity: 'u', output, expected: 'e', why: 'w',
    error: null, gradedAt: new Date().toISOString(),
  })));
  process.stdout.write(n + '\\n');
}
`;

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'kubelab-store-crash-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has reported KILL_AFTER commits, SIGKILLs it, and returns the last grading it reported. */
function writeUntilKilled(file: string, attemptId: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER, file, attemptId], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let reported = 0;
  let killScheduled = false;
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) reported = Number(line);
    // Killing right on a report would mostly land between two gradings: wait a random moment
    // (about a grading's length) so that the kill often lands inside one.
    if (reported >= KILL_AFTER && !killScheduled) {
      killScheduled = true;
      setTimeout(() => child.kill('SIGKILL'), Math.random() * 5);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(reported) : reject(new Error(`the writer ended on its own (${signal ?? _code}) instead of being killed: ${stderr}`)),
    );
  });
}

it('keeps every committed grading and no partial one after a kill -9', async () => {
  const file = join(dir, 'kubelab.db');
  const setup = openStore(file);
  const learner = setup.learners.create({ classId: null, displayName: 'Ada' });
  const attempt = setup.attempts.create({ learnerId: learner.id, scenarioId: 's', version: '1.33', startedAt: new Date().toISOString(), deadlineAt: null, clusterName: null });
  setup.close();

  const lastReported = await writeUntilKilled(file, attempt.id);

  const store = openStore(file);
  const perGrading = new Map<string, number>();
  for (const r of store.checks.ofAttempt(attempt.id)) perGrading.set(r.gradingId, (perGrading.get(r.gradingId) ?? 0) + 1);
  store.close();
  const gradings = perGrading.size;
  expect(lastReported).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(gradings).toBeGreaterThanOrEqual(lastReported);
  // g1..gN, each complete: the kill landed between or inside gradings, never leaving half of one.
  expect([...perGrading.keys()]).toEqual(Array.from({ length: gradings }, (_, i) => `g${i + 1}`));
  expect(new Set(perGrading.values())).toEqual(new Set([CHECKS_PER_GRADING]));
});

// Runs real kubectl binaries against test clusters: a fresh cache dir per cluster (discovery is
// cached for 6 h by kubectl), no inherited KUBECONFIG, and the exit code kept.

import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allKubectls, type KubectlBinary } from '../../cluster/tools/kubectl.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlRunner {
  binary: KubectlBinary;
  /** Minor version of the client, e.g. 33. */
  minor: number;
  run(args: string[], opts?: { input?: string; env?: Record<string, string> }): Promise<KubectlResult>;
}

const TEST_DATA_DIR = join(tmpdir(), 'kubelab-test-data');

let cached: Promise<KubectlBinary[]> | undefined;

/** kubectl 1.31+ binaries on this machine, newest last; the lab supports clients 1.31-1.35. */
export function supportedKubectls(): Promise<KubectlBinary[]> {
  cached ??= allKubectls(TEST_DATA_DIR).then((all) =>
    all.filter((k) => minorOf(k) >= 31 && minorOf(k) <= 36).sort((a, b) => minorOf(a) - minorOf(b)),
  );
  return cached;
}

export function minorOf(k: KubectlBinary): number {
  return Number(/^v1\.(\d+)/.exec(k.gitVersion)?.[1] ?? 0);
}

export function kubectlRunner(binary: KubectlBinary, kubeconfig: string): KubectlRunner {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-kubectl-cache-'));
  return {
    binary,
    minor: minorOf(binary),
    run(args, opts = {}) {
      return new Promise((resolve) => {
        const child = execFile(
          binary.path,
          ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args],
          { env: { PATH: process.env.PATH ?? '', HOME: cacheDir, ...opts.env }, timeout: 30_000, maxBuffer: 16 << 20 },
          (err, stdout, stderr) => {
            const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
        if (opts.input !== undefined) child.stdin?.end(opts.input);
      });
    },
  };
}

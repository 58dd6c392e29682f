// The real kubectl the grader runs (`auth can-i` must be answered by the real client), and the
// PATH scripts get so that `kubectl` in a scenario script is that same binary.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, symlinkSync, readlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ensureKubectl } from '../../cluster/tools/kubectl.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlRunner {
  readonly path: string;
  run(args: string[]): Promise<KubectlResult>;
}

/**
 * A kubectl for grading: the one the lab finds or installs, except that a Google Cloud SDK
 * dispatcher (which starts a second process per call) is replaced by the versioned binary beside it.
 */
export async function graderKubectl(dataDir: string, log?: (line: string) => void): Promise<string> {
  const found = await ensureKubectl(dataDir, log);
  if (!found.gitVersion.includes('dispatcher')) return found.path;
  const dir = dirname(realpathSync(found.path));
  const minor = Number(/^v1\.(\d+)/.exec(found.gitVersion)?.[1] ?? 0);
  const siblings = readdirSync(dir)
    .map((f) => ({ f, minor: Number(/^kubectl\.1\.(\d+)$/.exec(f)?.[1] ?? NaN) }))
    .filter((s) => s.minor >= 31 && s.minor <= 36)
    .sort((a, b) => Math.abs(a.minor - minor) - Math.abs(b.minor - minor) || b.minor - a.minor);
  return siblings[0] ? join(dir, siblings[0].f) : found.path;
}

/** Runs kubectl against one cluster with its own discovery cache (kubectl caches discovery for hours). */
export function kubectlRunner(path: string, kubeconfigPath: string, cacheRoot: string): KubectlRunner {
  const cacheDir = join(cacheRoot, 'kubectl-cache', createHash('sha256').update(kubeconfigPath).digest('hex').slice(0, 16));
  return {
    path,
    run(args) {
      return new Promise((done) => {
        execFile(path, ['--kubeconfig', kubeconfigPath, '--cache-dir', cacheDir, ...args], { timeout: 30_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
          const exitCode = (err as { code?: unknown } | null)?.code;
          // A non-numeric code means kubectl never ran (missing binary, timeout): say so.
          if (err && typeof exitCode !== 'number') done({ code: 1, stdout, stderr: stderr || err.message });
          else done({ code: err ? Number(exitCode) : 0, stdout, stderr });
        });
      });
    },
  };
}

/** A directory holding `kubectl` (a link to `path`), to put first on a script's PATH. */
export function kubectlBinDir(path: string, dataDir: string): string {
  if (basename(path) === 'kubectl') return dirname(path);
  const dir = join(dataDir, 'bin', createHash('sha256').update(path).digest('hex').slice(0, 12));
  const link = join(dir, 'kubectl');
  if (existsSync(link) && readlinkSync(link) === path) return dir;
  mkdirSync(dir, { recursive: true });
  const partial = `${link}.${process.pid}`;
  symlinkSync(path, partial);
  renameSync(partial, link); // atomic, so concurrent graders never see a half-made link
  return dir;
}

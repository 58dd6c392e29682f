// What a classroom's shell sandbox is made of: the tools found on the host (detectSandbox), the
// resource limits every learner's shell gets, and the host folders no shell may ever show.

import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SandboxLimits {
  /** Processes and threads of one shell at once (RLIMIT_NPROC): a fork bomb stops here. Mind kernel.pid_max: learners x this. */
  processes: number;
  /**
   * Writable memory per process (RLIMIT_DATA). Not RLIMIT_AS: Go programs reserve address space
   * they never use (kubectl ~700 MiB at start, kubectl 1.31 another 4 GiB for Starlark).
   */
  memoryBytes: number;
  /** CPU seconds per process (RLIMIT_CPU): a runaway loop is killed; interactive use never gets near. */
  cpuSeconds: number;
  /** Largest file a learner can write (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  /** Size of the private, memory-backed /tmp. */
  tmpBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  processes: 256,
  memoryBytes: 1 << 30,
  cpuSeconds: 600,
  fileSizeBytes: 256 << 20,
  tmpBytes: 64 << 20,
};

/**
 * How a learner's processes get an identity of their own. Root drops them to an unprivileged uid
 * per shell (setpriv), because the kernel never applies RLIMIT_NPROC to uid 0, user namespace or
 * not; any other user gets a user namespace (bwrap --unshare-user) in which the limit counts only
 * that shell's processes.
 */
export type SandboxIdentity = { kind: 'setuid'; setpriv: string } | { kind: 'userns' };

export interface SandboxTools {
  bwrap: string;
  /** bubblewrap's version, e.g. "0.8.0". */
  version: string;
  prlimit: string;
  identity: SandboxIdentity;
}

export interface SandboxPolicy {
  tools: SandboxTools;
  limits: SandboxLimits;
  /** Host folders hidden even where a system folder the sandbox shows contains them. */
  hidden: readonly string[];
}

/** The policy of a classroom server: its data directory and kubelab's own folder are always hidden. */
export function sandboxPolicy(tools: SandboxTools, opts: { dataDir: string; limits?: Partial<SandboxLimits> }): SandboxPolicy {
  const hidden = [opts.dataDir, kubelabInstallDir()].map((p) => (existsSync(p) ? realpathSync(p) : resolve(p)));
  return { tools, limits: { ...DEFAULT_SANDBOX_LIMITS, ...opts.limits }, hidden: [...new Set(hidden)] };
}

/** The folder holding kubelab's package.json: its sources, or its install under node_modules. */
function kubelabInstallDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

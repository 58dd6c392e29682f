// Is a shell sandbox possible on this host? Finds bubblewrap and the util-linux tools the sandbox
// runs (prlimit; setpriv when the server is root), then proves it by running a trivial command in
// the very sandbox the learners get. Classroom mode refuses to start on `ok: false` and prints
// the reason and the fix.

import { execFile } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { findOnPath } from '../../cluster/tools/kubectl.js';
import { sandboxAccount } from './sandbox-account.js';
import { DEFAULT_SANDBOX_LIMITS, type SandboxIdentity, type SandboxLimits, type SandboxTools } from './sandbox-policy.js';
import { probeCommand } from './sandbox.js';

export type SandboxDetection = ({ ok: true } & SandboxTools) | { ok: false; reason: string; fix: string };

/** --size and --disable-userns came with 0.8.0. */
const MIN_BWRAP = [0, 8, 0];
const PROBE_OUTPUT = 'kubelab-sandbox-ok';
const PROBE_TIMEOUT_MS = 15_000;

/** `limits`: the ones the classroom will set (they are part of the proof: the server may lack the hard limits to grant them). */
export async function detectSandbox(opts: { path?: string; limits?: SandboxLimits } = {}): Promise<SandboxDetection> {
  const path = opts.path ?? process.env.PATH ?? '';
  const bwrap = findOnPath('bwrap', path);
  if (!bwrap) {
    return {
      ok: false,
      reason: `bubblewrap (bwrap) is not installed: no bwrap on PATH (${path || 'empty'}). Classroom mode runs every learner's shell in it.`,
      fix: 'Install it (Debian, Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; Alpine: apk add bubblewrap), or put the folder holding bwrap on PATH.',
    };
  }
  const version = (await run(bwrap, ['--version'])).stdout.replace(/^bubblewrap\s*/, '').trim();
  if (!atLeast(version, MIN_BWRAP)) {
    return {
      ok: false,
      reason: `bubblewrap ${version || '(unknown version)'} at ${bwrap} is too old: the sandbox needs ${MIN_BWRAP.join('.')} or newer (--size, --disable-userns).`,
      fix: 'Install bubblewrap 0.8.0 or newer (Debian 12, Ubuntu 24.04 and later ship it), or put a newer bwrap first on PATH.',
    };
  }
  const prlimit = systemTool('prlimit', path);
  if (typeof prlimit !== 'string') return prlimit;
  let identity: SandboxIdentity = { kind: 'userns' };
  if (process.getuid?.() === 0) {
    const setpriv = systemTool('setpriv', path);
    if (typeof setpriv !== 'string') return setpriv;
    identity = { kind: 'setuid', setpriv };
  }
  const tools: SandboxTools = { bwrap, version, prlimit, identity };
  const probe = probeCommand(tools, opts.limits ?? DEFAULT_SANDBOX_LIMITS, sandboxAccount(tools, 'probe'), ['/bin/sh', '-c', `echo ${PROBE_OUTPUT}`]);
  const result = await run(probe.file, probe.args);
  if (result.stdout.trim() === PROBE_OUTPUT) return { ok: true, ...tools };
  return { ok: false, ...explainFailure(result.stderr.trim() || result.error || `exit code ${result.code}`, identity) };
}

/** A util-linux tool the sandbox runs: it must lie in a system folder the sandbox shows. */
function systemTool(name: string, path: string): string | { ok: false; reason: string; fix: string } {
  const found = findOnPath(name, path);
  const fix = `Install util-linux (Debian, Ubuntu: apt-get install util-linux; it provides ${name}) in /usr/bin.`;
  if (!found) return { ok: false, reason: `${name} (util-linux) is not on PATH: the sandbox needs it to set the learners' limits and identity.`, fix };
  const real = realpathSync(found);
  if (!/^\/(usr\/|s?bin\/)/.test(real)) return { ok: false, reason: `${name} at ${real} lies outside /usr, the only program folder the sandbox shows.`, fix };
  return real;
}

function explainFailure(message: string, identity: SandboxIdentity): { reason: string; fix: string } {
  const said = `A trial sandbox failed: ${message.split('\n')[0]}`;
  if (/^prlimit: /.test(message)) {
    return {
      reason: `${said}. The sandbox's resource limits are above the hard limits the server itself runs with.`,
      fix: "Lower the classroom's sandbox limits, or raise the server's hard limits (ulimit -H, LimitNPROC= in a systemd unit).",
    };
  }
  if (identity.kind === 'setuid') {
    return {
      reason: `${said}. Even as root it could not create namespaces or mounts: kubelab probably runs in a container that forbids them.`,
      fix: 'Run kubelab on the host, or give its container the rights (Docker: --privileged, or --cap-add SYS_ADMIN --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined).',
    };
  }
  const blockers = userNamespaceBlockers();
  return {
    reason: `${said}. Unprivileged user namespaces are not available to the server's user${blockers.length ? ` (${blockers.map((b) => b.setting).join(', ')})` : ''}.`,
    fix: [
      ...(blockers.length ? blockers.map((b) => b.fix) : ['Allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone, user.max_user_namespaces, and on Ubuntu 23.10+ kernel.apparmor_restrict_unprivileged_userns).']),
      'Make it permanent in /etc/sysctl.d/, or run the classroom server as root: root needs no user namespace (each learner then runs as a uid of its own).',
    ].join(' '),
  };
}

/** The kernel settings that forbid unprivileged user namespaces, as set on this host. */
function userNamespaceBlockers(): { setting: string; fix: string }[] {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const blockers: { setting: string; fix: string }[] = [];
  if (read('/proc/sys/kernel/unprivileged_userns_clone') === '0') blockers.push({ setting: 'kernel.unprivileged_userns_clone=0', fix: 'Run: sysctl -w kernel.unprivileged_userns_clone=1.' });
  if (read('/proc/sys/user/max_user_namespaces') === '0') blockers.push({ setting: 'user.max_user_namespaces=0', fix: 'Run: sysctl -w user.max_user_namespaces=15000.' });
  if (read('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') {
    blockers.push({
      setting: 'kernel.apparmor_restrict_unprivileged_userns=1',
      fix: 'Run: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or load an AppArmor profile that allows "userns," for bwrap.',
    });
  }
  return blockers;
}

function atLeast(version: string, min: number[]): boolean {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < min.length; i++) {
    const have = parts[i] ?? 0;
    if (Number.isNaN(have)) return false;
    if (have !== min[i]) return have > min[i]!;
  }
  return true;
}

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string; error?: string }> {
  return new Promise((done) => {
    execFile(file, args, { timeout: PROBE_TIMEOUT_MS, env: { PATH: '/usr/bin:/bin' } }, (err, stdout, stderr) => {
      const code = typeof (err as { code?: unknown } | null)?.code === 'number' ? Number((err as { code: number }).code) : err ? 1 : 0;
      done({ code, stdout, stderr, ...(err && !stderr ? { error: err.message } : {}) });
    });
  });
}

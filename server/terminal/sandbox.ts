// A learner's shell inside bubblewrap (classroom mode). The sandbox shows the system read-only
// (/usr and a short list of /etc entries), a private /tmp, the learner's HOME as the one writable
// folder, and the session's kubectl, kubeconfig, rc file and completion read-only under /kubelab.
// Nothing of the server shows: not its data directory (other sessions, labs' kubeconfigs, the
// database, the server secret), not kubelab's own folder, not /root or /home of the host. The
// network stays shared: kubectl and curl must reach the lab's 127.x.y.z addresses.

import { lstatSync, readlinkSync } from 'node:fs';
import type { SandboxAccount } from './sandbox-account.js';
import { SANDBOX_PATHS } from './sandbox-layout.js';
import type { SandboxLimits, SandboxPolicy, SandboxTools } from './sandbox-policy.js';
import type { SandboxMounts } from './sandbox-staging.js';
import type { ShellSpec } from './shell-environment.js';

/** Merged-/usr systems have these as links into /usr; older ones as folders of their own. */
const SYSTEM_ROOTS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/**
 * /etc entries a shell needs; the rest of /etc stays out of sight (passwd and group are written
 * for the sandbox; shadow, ssh keys, sudoers, npmrc or pip.conf tokens, database configs are not
 * shown at all).
 */
const ETC_ENTRIES = [
  ...['hosts', 'resolv.conf', 'nsswitch.conf', 'host.conf', 'gai.conf', 'services', 'protocols', 'networks'], // name resolution
  ...['ld.so.cache', 'ld.so.conf', 'ld.so.conf.d'], // the dynamic linker
  'alternatives', // Debian's awk, vi, editor, pager links
  ...['ssl', 'ca-certificates', 'pki', 'crypto-policies'], // TLS: openssl.cnf, CA bundles
  ...['localtime', 'timezone', 'inputrc', 'terminfo', 'vim', 'nanorc', 'magic', 'magic.mime', 'os-release', 'debian_version'],
];

/** Wraps a shell prepared with SANDBOX_PATHS (shell-environment.ts) in bubblewrap. */
export function sandboxShell(spec: ShellSpec, mounts: SandboxMounts, policy: SandboxPolicy): ShellSpec {
  return {
    file: policy.tools.bwrap,
    args: [
      ...isolationArgs(policy.tools, mounts.account),
      ...systemArgs(policy.limits),
      ...sessionArgs(mounts),
      ...hiddenArgs(policy.hidden),
      ...['--remount-ro', '/', '--chdir', spec.cwd, '--'],
      ...limitedCommand(policy.tools, policy.limits, mounts.account),
      spec.file,
      ...spec.args,
    ],
    env: spec.env,
    // bwrap starts on the host, where the sandbox's folders do not exist.
    cwd: '/',
  };
}

/** The same sandbox around a command of no session: what detectSandbox runs to prove it works. */
export function probeCommand(tools: SandboxTools, limits: SandboxLimits, account: SandboxAccount, command: string[]): { file: string; args: string[] } {
  return { file: tools.bwrap, args: [...isolationArgs(tools, account), ...systemArgs(limits), '--remount-ro', '/', '--', ...limitedCommand(tools, limits, account), ...command] };
}

function isolationArgs(tools: SandboxTools, account: SandboxAccount): string[] {
  const identity =
    tools.identity.kind === 'userns'
      ? ['--unshare-user', '--uid', String(account.uid), '--gid', String(account.gid), '--disable-userns']
      : // Real capabilities, only for setpriv to drop to the learner's uid; it then clears them all.
        ['--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID'];
  return [
    // The sandbox is killed with its parent: a crashed server leaves no learner processes behind.
    '--die-with-parent',
    // Own process ids (only its processes in ps and /proc; kill cannot reach the server), System V
    // IPC, cgroup view, and host name. No --new-session: it would take the pty away from bash (no
    // job control, no Ctrl-C); TIOCSTI could only type into this same pty, which nothing outside
    // the sandbox reads.
    ...['--unshare-pid', '--unshare-ipc', '--unshare-cgroup-try', '--unshare-uts', '--hostname', 'kubelab'],
    ...identity,
  ];
}

function systemArgs(limits: SandboxLimits): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const root of SYSTEM_ROOTS) {
    const kind = entryKind(root);
    if (kind === 'link') args.push('--symlink', readlinkSync(root), root);
    else if (kind === 'dir') args.push('--ro-bind', root, root);
  }
  // Folders bwrap makes on its own are 0700 and root's: the learner could not look inside.
  args.push('--perms', '0755', '--dir', '/etc');
  for (const entry of ETC_ENTRIES) args.push('--ro-bind-try', `/etc/${entry}`, `/etc/${entry}`);
  args.push(
    ...['--symlink', '/proc/self/mounts', '/etc/mtab'],
    // A procfs of the new pid namespace; a /dev of null, zero, random, tty and a private devpts
    // (the host's /dev/pts would show every other learner's terminal).
    ...['--proc', '/proc', '--dev', '/dev'],
    ...['--perms', '1777', '--size', String(limits.tmpBytes), '--tmpfs', '/tmp'],
    ...['--perms', '0755', '--dir', '/var', '--symlink', '../tmp', '/var/tmp'],
  );
  return args;
}

function sessionArgs(m: SandboxMounts): string[] {
  const args = [
    ...['--ro-bind', m.passwd, '/etc/passwd', '--ro-bind', m.group, '/etc/group'],
    ...['--perms', '0755', '--dir', '/home', '--bind', m.home, SANDBOX_PATHS.home],
    ...['--perms', '0755', '--dir', '/kubelab', '--perms', '0755', '--dir', SANDBOX_PATHS.bin],
    ...['--ro-bind', m.kubectl, `${SANDBOX_PATHS.bin}/kubectl`],
    ...['--ro-bind', m.kubeconfig, SANDBOX_PATHS.kubeconfig],
    ...['--ro-bind', m.rcFile, SANDBOX_PATHS.rcFile],
  ];
  if (m.completion) args.push('--ro-bind', m.completion, SANDBOX_PATHS.completion);
  return args;
}

/** An empty, read-only folder over each hidden path that lies inside a system folder shown. */
function hiddenArgs(hidden: readonly string[]): string[] {
  const shown = ['/usr', ...SYSTEM_ROOTS.filter((r) => entryKind(r) === 'dir'), ...ETC_ENTRIES.map((e) => `/etc/${e}`)];
  return hidden.filter((path) => shown.some((root) => path === root || path.startsWith(`${root}/`))).flatMap((path) => ['--tmpfs', path, '--remount-ro', path]);
}

/** The learner's command: as the learner's own uid (setuid identity) and under the limits. */
function limitedCommand(tools: SandboxTools, limits: SandboxLimits, account: SandboxAccount): string[] {
  const drop =
    tools.identity.kind === 'setuid'
      ? [tools.identity.setpriv, '--reuid', String(account.uid), '--regid', String(account.gid), '--clear-groups', '--inh-caps', '-all', '--no-new-privs', '--']
      : [];
  // Set inside the sandbox, after the user namespace exists, so that the process count is this
  // shell's alone and not every process of the server's user.
  const prlimit = [
    tools.prlimit,
    `--nproc=${limits.processes}`,
    `--data=${limits.memoryBytes}`,
    `--cpu=${limits.cpuSeconds}`,
    `--fsize=${limits.fileSizeBytes}`,
    '--',
  ];
  return [...drop, ...prlimit];
}

function entryKind(path: string): 'link' | 'dir' | 'missing' {
  try {
    const stat = lstatSync(path);
    return stat.isSymbolicLink() ? 'link' : 'dir';
  } catch {
    return 'missing';
  }
}

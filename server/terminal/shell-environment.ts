// What a lab shell starts with: bash without the machine's profile, a generated rc file, a HOME
// of its own under the session's folder, the session cluster's admin kubeconfig, the real kubectl
// (linked into a bin folder of the session) ahead of everything else on PATH, the variables the
// scenario texts use (NODE_IP, KUBELET_PORT, ...), and a prompt naming the cluster and version.
//
// Classroom mode adds a sandbox (sandbox.ts): the same files, seen at fixed paths inside it.
// Practice mode has none by default: its lab runs on the learner's own machine, bound to
// 127.0.0.1, for that one learner, whose shell may do whatever the learner's own terminal can.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readlinkSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterNode } from '../../cluster/provider.js';
import type { KubeVersion } from '../../cluster/versions.js';
import { SANDBOX_USER, sandboxAccount } from './sandbox-account.js';
import { SANDBOX_PATHS, SANDBOX_SEARCH_PATH } from './sandbox-layout.js';
import type { SandboxPolicy } from './sandbox-policy.js';
import { stageSandbox } from './sandbox-staging.js';
import { sandboxShell } from './sandbox.js';

export interface ShellLab {
  version: KubeVersion;
  kubeconfigPath: string;
  nodes: readonly ClusterNode[];
}

export interface ShellSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface ShellTools {
  kubectl: string;
  /** A file of `kubectl completion bash` output, sourced when present. */
  completion?: string;
  /** Classroom mode: every shell runs in this sandbox. */
  sandbox?: SandboxPolicy;
  /** Output forwarded per second before a shell is paused (terminal.ts; default 512 KiB/s). */
  outputBytesPerSecond?: number;
}

/** Where the shell finds its things: host paths, or the sandbox's fixed ones. */
interface ShellView {
  user: string;
  home: string;
  path: string;
  kubeconfig: string;
  rcFile: string;
  completion?: string;
}

/** Creates (or refreshes) the session's HOME, bin folder and rc file, and says how to start bash. */
export function prepareShell(sessionDir: string, tools: ShellTools, lab: ShellLab): ShellSpec {
  const home = join(sessionDir, 'home');
  const bin = join(sessionDir, 'bin');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  mkdirSync(bin, { recursive: true, mode: 0o700 });
  linkAtomically(tools.kubectl, join(bin, 'kubectl'));
  const rcFile = join(sessionDir, 'kubelab.bashrc');
  const user = process.env.USER ?? 'kubelab';
  const view: ShellView = tools.sandbox
    ? { ...SANDBOX_PATHS, user: SANDBOX_USER, path: SANDBOX_SEARCH_PATH, completion: tools.completion && SANDBOX_PATHS.completion }
    : { user, home, path: `${bin}:${process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'}`, kubeconfig: lab.kubeconfigPath, rcFile, completion: tools.completion };
  const node = lab.nodes[0];
  const env: Record<string, string> = {
    HOME: view.home,
    USER: view.user,
    LOGNAME: tools.sandbox ? view.user : (process.env.LOGNAME ?? user),
    SHELL: '/bin/bash',
    PATH: view.path,
    LANG: process.env.LANG ?? 'C.UTF-8',
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    KUBECONFIG: view.kubeconfig,
    KUBE_VERSION: lab.version,
    NODES: lab.nodes.map((n) => n.name).join(' '),
    NODE_NAME: node?.name ?? '',
    NODE_IP: node?.internalIP ?? '',
    KUBELET_PORT: String(node?.kubeletPort ?? 10250),
  };
  writeFileSync(rcFile, rcText(lab.version, node?.name ?? 'no-node', view.completion), { mode: 0o600 });
  const spec = { file: 'bash', args: ['--noprofile', '--rcfile', view.rcFile, '-i'], env, cwd: view.home };
  if (!tools.sandbox) return spec;
  const files = { home, kubectl: tools.kubectl, kubeconfig: lab.kubeconfigPath, rcFile, ...(tools.completion ? { completion: tools.completion } : {}) };
  const mounts = stageSandbox(join(sessionDir, 'sandbox'), files, sandboxAccount(tools.sandbox.tools, sessionDir));
  return sandboxShell(spec, mounts, tools.sandbox);
}

function rcText(version: KubeVersion, nodeName: string, completion: string | undefined): string {
  const lines = [
    '# Written by kubelab for this lab shell; rewritten whenever a new shell starts.',
    '# Put your own settings in ~/.bashrc: it is read last.',
    'HISTFILE="$HOME/.bash_history"',
    'HISTCONTROL=ignoredups',
    'shopt -s histappend checkwinsize',
    // A literal "$": the lab often runs as root, and "\$" would show "#".
    `PS1=${shellQuote(`[kubelab v${version} ${nodeName}] \\w $ `)}`,
    'alias k=kubectl',
  ];
  if (completion) lines.push(`if [ -r ${shellQuote(completion)} ]; then . ${shellQuote(completion)}; complete -o default -F __start_kubectl k; fi`);
  lines.push('if [ -r "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; fi', '');
  return lines.join('\n');
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function linkAtomically(target: string, link: string): void {
  if (existsSync(link) && readlinkSync(link) === target) return;
  const partial = `${link}.${process.pid}`;
  if (existsSync(partial)) unlinkSync(partial);
  symlinkSync(target, partial);
  renameSync(partial, link);
}

/**
 * `kubectl completion bash`, generated once per kubectl binary into the data directory; undefined
 * when kubectl cannot produce it (the shell then simply has no completion).
 */
export async function kubectlCompletionFile(dataDir: string, kubectl: string): Promise<string | undefined> {
  const file = join(dataDir, 'tools', `kubectl-completion-${createHash('sha256').update(kubectl).digest('hex').slice(0, 12)}.bash`);
  if (existsSync(file)) return file;
  return new Promise((done) => {
    execFile(kubectl, ['completion', 'bash'], { timeout: 20_000, maxBuffer: 4 << 20 }, (err, stdout) => {
      if (err || !stdout) return done(undefined);
      mkdirSync(join(dataDir, 'tools'), { recursive: true });
      writeFileSync(`${file}.${process.pid}`, stdout);
      renameSync(`${file}.${process.pid}`, file);
      done(file);
    });
  });
}

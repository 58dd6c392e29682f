// What a lab shell starts with: bash without the machine's profile, a generated rc file, a HOME
// of its own under the session's folder, the session cluster's admin kubeconfig, the real kubectl
// (linked into a bin folder of the session) ahead of everything else on PATH, the variables the
// scenario texts use (NODE_IP, KUBELET_PORT, ...), and a prompt naming the cluster and version.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readlinkSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterNode } from '../../cluster/provider.js';
import type { KubeVersion } from '../../cluster/versions.js';

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
}

/** Creates (or refreshes) the session's HOME, bin folder and rc file, and says how to start bash. */
export function prepareShell(sessionDir: string, tools: ShellTools, lab: ShellLab): ShellSpec {
  const home = join(sessionDir, 'home');
  const bin = join(sessionDir, 'bin');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  mkdirSync(bin, { recursive: true, mode: 0o700 });
  linkAtomically(tools.kubectl, join(bin, 'kubectl'));
  const rcFile = join(sessionDir, 'kubelab.bashrc');
  const node = lab.nodes[0];
  const env: Record<string, string> = {
    HOME: home,
    USER: process.env.USER ?? 'kubelab',
    LOGNAME: process.env.LOGNAME ?? process.env.USER ?? 'kubelab',
    SHELL: '/bin/bash',
    PATH: `${bin}:${process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'}`,
    LANG: process.env.LANG ?? 'C.UTF-8',
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    KUBECONFIG: lab.kubeconfigPath,
    KUBE_VERSION: lab.version,
    NODES: lab.nodes.map((n) => n.name).join(' '),
    NODE_NAME: node?.name ?? '',
    NODE_IP: node?.internalIP ?? '',
    KUBELET_PORT: String(node?.kubeletPort ?? 10250),
  };
  writeFileSync(rcFile, rcText(lab.version, node?.name ?? 'no-node', tools.completion), { mode: 0o600 });
  return { file: 'bash', args: ['--noprofile', '--rcfile', rcFile, '-i'], env, cwd: home };
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

// The host side of a sandboxed shell, prepared before each start: an /etc/passwd and /etc/group
// naming the learner, a copy of the lab's kubeconfig the learner may read, and, when the shell
// drops to a uid of its own, HOME and the rc file handed over to that uid. The server's own files
// (the lab kubeconfig is 0600, its folders 0700) are never made readable to anyone.

import { chownSync, copyFileSync, chmodSync, lchownSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_USER, type SandboxAccount } from './sandbox-account.js';
import { SANDBOX_PATHS } from './sandbox-layout.js';

/** The host files a sandboxed shell is made of. */
export interface ShellFiles {
  home: string;
  kubectl: string;
  kubeconfig: string;
  rcFile: string;
  completion?: string;
}

/** What bwrap mounts, and as whom the shell runs. */
export interface SandboxMounts extends ShellFiles {
  account: SandboxAccount;
  passwd: string;
  group: string;
}

export function stageSandbox(stageDir: string, files: ShellFiles, account: SandboxAccount): SandboxMounts {
  mkdirSync(stageDir, { recursive: true, mode: 0o700 });
  const passwd = replaceFile(join(stageDir, 'passwd'), passwdText(account), 0o644);
  const group = replaceFile(join(stageDir, 'group'), groupText(account), 0o644);
  const kubeconfig = join(stageDir, 'kubeconfig');
  const partial = `${kubeconfig}.${process.pid}`;
  copyFileSync(files.kubeconfig, partial);
  chmodSync(partial, 0o400);
  if (account.hostUid !== undefined) {
    chownSync(partial, account.hostUid, account.gid);
    chownSync(files.rcFile, account.hostUid, account.gid);
    handOver(files.home, account.hostUid, account.gid);
  }
  renameSync(partial, kubeconfig);
  return { ...files, kubectl: realpathSync(files.kubectl), kubeconfig, passwd, group, account };
}

function passwdText(a: SandboxAccount): string {
  return [`root:x:0:0:root:/root:/usr/sbin/nologin`, `${SANDBOX_USER}:x:${a.uid}:${a.gid}:kubelab learner:${SANDBOX_PATHS.home}:/bin/bash`, 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin', ''].join('\n');
}

function groupText(a: SandboxAccount): string {
  return ['root:x:0:', `${SANDBOX_USER}:x:${a.gid}:`, 'nogroup:x:65534:', ''].join('\n');
}

function replaceFile(file: string, text: string, mode: number): string {
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, text, { mode });
  chmodSync(partial, mode);
  renameSync(partial, file);
  return file;
}

/**
 * Gives HOME and all in it to the learner's uid; skipped when it already belongs to it. Links are
 * never followed: a learner's `ln -s /etc/shadow` must not hand the target over.
 */
function handOver(dir: string, uid: number, gid: number): void {
  if (lstatSync(dir).uid === uid) return;
  const walk = (path: string): void => {
    if (lstatSync(path).isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    lchownSync(path, uid, gid);
  };
  walk(dir);
}

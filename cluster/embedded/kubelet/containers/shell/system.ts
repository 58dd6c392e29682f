// What a simulated process sees of its container, and how it waits. Programs are generators:
// they yield an Effect when they must wait (sleep, reading stdin until EOF) and the driver decides
// how: instantly (logs, tests, fuzzing) or for real (WebSocket sessions). The interpreter itself
// never touches a timer or the host.

import type { MemoryFs } from '../fs/memory-fs.js';
import type { ImageFamily } from '../image/families.js';

export type Effect = { type: 'sleep'; ms: number } | { type: 'stdin' };

/** A running program: yields effects, returns its exit status. */
export type Program<T = number> = Generator<Effect, T, unknown>;

/** Blocks until EOF and returns everything the process's stdin delivered. */
export function* readAllStdin(): Program<string> {
  const input = yield { type: 'stdin' };
  return typeof input === 'string' ? input : '';
}

export function* sleep(ms: number): Program<void> {
  yield { type: 'sleep', ms };
}

export interface Identity {
  uid: number;
  gid: number;
  /** Supplementary groups, as `id` lists them (primary group first). */
  groups: number[];
}

export interface ProcessEntry {
  pid: number;
  uid: number;
  command: string;
}

export interface MountEntry {
  source: string;
  target: string;
  type: string;
  options: string;
}

export interface Kernel {
  release: string;
  version: string;
  machine: string;
}

/** The container as its processes see it. */
export interface ContainerView {
  fs: MemoryFs;
  family: ImageFamily;
  identity: Identity;
  hostname: string;
  kernel: Kernel;
  mounts: readonly MountEntry[];
  clock: () => Date;
  /** A fresh pid for a new process. */
  allocatePid(): number;
  /** The processes `ps` shows (the main process and live exec sessions). */
  processes(): ProcessEntry[];
  userName(uid: number): string | undefined;
  groupName(gid: number): string | undefined;
}

export interface Output {
  write(text: string): void;
}

export interface ProcessIo {
  /** Input already provided (a pipe, a file) or, when undefined, the process's own stdin. */
  stdin?: string;
  stdout: Output;
  stderr: Output;
}

// How BusyBox applets and GNU coreutils word the same failures. One row per userland; the
// utilities pick the sentence, never the wording.

import { ERRNO_TEXT, type Errno } from '../../fs/memory-fs.js';

export interface UserlandMessages {
  /** cat, head, tail, wc failing to open an operand. */
  cannotOpen(cmd: string, path: string, errno: Errno): string;
  /** cat reading a directory. */
  readDirectory(cmd: string, path: string): string;
  lsMissing(path: string): { message: string; status: number };
  grepMissing(path: string): string;
  invalidOption(cmd: string, option: string): { message: string; status: number };
  cannotCreateDirectory(path: string, errno: Errno): string;
  cannotRemove(path: string, errno: Errno): string;
  cannotTouch(path: string, errno: Errno): string;
  unknownUid(uid: number): string;
  setHostname: string;
  mountDenied(args: string[]): { message: string; status: number };
  invalidSleep(value: string): string;
  missingOperand(cmd: string): string;
  /** `env cmd` when cmd is not on PATH (exit status 127). */
  envCannotExecute(name: string): string;
  /** `ls -l` line, after the columns were computed. */
  longListing(cells: LongListingCells, widths: LongListingCells): string;
  /** Whether `ls -l` of a directory starts with "total N". */
  listingTotal: boolean;
}

export interface LongListingCells {
  mode: string;
  links: string;
  owner: string;
  group: string;
  size: string;
  date: string;
  name: string;
}

const text = (errno: Errno) => ERRNO_TEXT[errno];

const busybox: UserlandMessages = {
  cannotOpen: (cmd, path, errno) => `${cmd}: can't open '${path}': ${text(errno)}\n`,
  readDirectory: (cmd) => `${cmd}: read error: Is a directory\n`,
  lsMissing: (path) => ({ message: `ls: ${path}: No such file or directory\n`, status: 1 }),
  grepMissing: (path) => `grep: ${path}: No such file or directory\n`,
  invalidOption: (cmd, option) => ({ message: `${cmd}: unrecognized option: ${option}\n`, status: 1 }),
  cannotCreateDirectory: (path, errno) => `mkdir: can't create directory '${path}': ${text(errno)}\n`,
  cannotRemove: (path, errno) => `rm: can't remove '${path}': ${text(errno)}\n`,
  cannotTouch: (path, errno) => `touch: ${path}: ${text(errno)}\n`,
  unknownUid: (uid) => `whoami: unknown uid ${uid}\n`,
  setHostname: 'hostname: sethostname: Operation not permitted\n',
  mountDenied: (args) =>
    args.length >= 2
      ? { message: `mount: mounting ${args[0]} on ${args[1]} failed: Permission denied\n`, status: 255 }
      : { message: `mount: can't find ${args[0]} in /etc/fstab\n`, status: 255 },
  invalidSleep: (value) => `sleep: invalid number '${value}'\n`,
  missingOperand: (cmd) => `${cmd}: missing operand\n`,
  envCannotExecute: (name) => `env: can't execute '${name}': No such file or directory\n`,
  longListing: (c) =>
    `${c.mode.padEnd(10)} ${c.links.padStart(4)} ${c.owner.padEnd(8)} ${c.group.padEnd(8)} ${c.size.padStart(9)} ${c.date} ${c.name}\n`,
  listingTotal: false,
};

const gnu: UserlandMessages = {
  cannotOpen: (cmd, path, errno) =>
    cmd === 'head' || cmd === 'tail' ? `${cmd}: cannot open '${path}' for reading: ${text(errno)}\n` : `${cmd}: ${path}: ${text(errno)}\n`,
  readDirectory: (cmd, path) => `${cmd}: ${path}: Is a directory\n`,
  lsMissing: (path) => ({ message: `ls: cannot access '${path}': No such file or directory\n`, status: 2 }),
  grepMissing: (path) => `grep: ${path}: No such file or directory\n`,
  invalidOption: (cmd, option) => ({
    message: `${cmd}: invalid option -- '${option}'\nTry '${cmd} --help' for more information.\n`,
    status: cmd === 'ls' || cmd === 'grep' ? 2 : 1,
  }),
  cannotCreateDirectory: (path, errno) => `mkdir: cannot create directory '${path}': ${text(errno)}\n`,
  cannotRemove: (path, errno) => `rm: cannot remove '${path}': ${text(errno)}\n`,
  cannotTouch: (path, errno) => `touch: cannot touch '${path}': ${text(errno)}\n`,
  unknownUid: (uid) => `whoami: cannot find name for user ID ${uid}\n`,
  setHostname: 'hostname: you must be root to change the host name\n',
  mountDenied: (args) =>
    args.length >= 2
      ? { message: `mount: ${args[1]}: permission denied.\n`, status: 32 }
      : { message: `mount: ${args[0]}: can't find in /etc/fstab.\n`, status: 1 },
  invalidSleep: (value) => `sleep: invalid time interval '${value}'\nTry 'sleep --help' for more information.\n`,
  missingOperand: (cmd) => `${cmd}: missing operand\nTry '${cmd} --help' for more information.\n`,
  envCannotExecute: (name) => `env: '${name}': No such file or directory\n`,
  longListing: (c, w) =>
    `${c.mode} ${c.links.padStart(w.links.length)} ${c.owner.padEnd(w.owner.length)} ${c.group.padEnd(w.group.length)} ${c.size.padStart(w.size.length)} ${c.date} ${c.name}\n`,
  listingTotal: true,
};

export const USERLAND = { busybox, gnu } as const;

// How each shell words its own errors and prompt: busybox ash, Debian's dash and bash. One table,
// read by the interpreter; it never asks which shell it is.

import type { DialectId } from '../image/families.js';
import { ERRNO_TEXT, type Errno } from '../fs/memory-fs.js';
import type { SyntaxProblem } from './parser.js';

/** Where a message is raised: the name the shell was started as, the script line, interactivity. */
export interface ShellSite {
  name: string;
  line: number;
  interactive: boolean;
}

export interface PromptInfo {
  user: string;
  root: boolean;
  hostname: string;
  /** Working directory with $HOME shown as ~. */
  directory: string;
}

export interface Dialect {
  id: DialectId;
  notFound(site: ShellSite, command: string): string;
  /** A path that names a directory, a file that is no program, or nothing at all. */
  cannotExecute(site: ShellSite, path: string, errno: 'ENOENT' | 'EACCES' | 'EISDIR'): { message: string; status: number };
  cannotCreate(site: ShellSite, path: string, errno: Errno): string;
  cannotOpen(site: ShellSite, path: string, errno: Errno): string;
  cdFailed(site: ShellSite, directory: string, errno: Errno): string;
  /** Exit status of a command whose redirection or cd failed. */
  failureStatus: number;
  syntaxError(site: ShellSite, problem: SyntaxProblem, sourceLine: string): string;
  prompt(info: PromptInfo): string;
  /** What an interactive shell prints when it exits (bash says "exit"). */
  exitMessage: string;
  /** `exit foo`: the builtin's complaint about a non-number. */
  badNumber(site: ShellSite, builtin: string, value: string): string;
  /** `sh -c` with nothing after it. */
  missingScript(name: string): string;
  /** How `export` with no operands lists one variable. */
  exportLine(name: string, value: string): string;
  /** The builtin echo: which options it takes, and whether it expands backslash escapes unasked. */
  echo: { options: string; escapes: boolean };
}

const ashPrefix = (site: ShellSite) => `${site.name}: `;
const dashPrefix = (site: ShellSite) => `${site.name}: ${site.line}: `;
const bashPrefix = (site: ShellSite) => (site.interactive ? `${site.name}: ` : `${site.name}: line ${site.line}: `);
const sign = (info: PromptInfo) => (info.root ? '#' : '$');

const ASH_CREATE: Partial<Record<Errno, string>> = { ENOENT: 'nonexistent directory' };
const DASH_CREATE: Partial<Record<Errno, string>> = { ENOENT: 'Directory nonexistent' };

const ash: Dialect = {
  id: 'ash',
  notFound: (site, command) => `${ashPrefix(site)}${command}: not found\n`,
  cannotExecute: (site, path, errno) =>
    errno === 'ENOENT'
      ? { message: `${ashPrefix(site)}${path}: not found\n`, status: 127 }
      : { message: `${ashPrefix(site)}${path}: Permission denied\n`, status: 126 },
  cannotCreate: (site, path, errno) => `${ashPrefix(site)}can't create ${path}: ${ASH_CREATE[errno] ?? ERRNO_TEXT[errno]}\n`,
  cannotOpen: (site, path) => `${ashPrefix(site)}can't open ${path}: no such file\n`,
  cdFailed: (site, directory, errno) => `${ashPrefix(site)}cd: can't cd to ${directory}: ${ERRNO_TEXT[errno]}\n`,
  failureStatus: 2,
  syntaxError: (site, problem) => {
    const prefix = `${site.name}: syntax error: `;
    switch (problem.kind) {
      case 'unterminated':
        return problem.quote === "'" || problem.quote === '"'
          ? `${prefix}unterminated quoted string\n`
          : `${prefix}unexpected end of file (expecting "${problem.quote}")\n`;
      case 'unexpected':
        return problem.token === 'newline' ? `${prefix}unexpected newline\n` : `${prefix}unexpected "${problem.token}"\n`;
      case 'eof':
        return `${prefix}unexpected end of file (expecting "${problem.expecting}")\n`;
    }
  },
  prompt: (info) => `${info.directory} ${sign(info)} `,
  exitMessage: '',
  badNumber: (site, builtin, value) => `${ashPrefix(site)}${builtin}: Illegal number: ${value}\n`,
  missingScript: (name) => `${name}: -c requires an argument\n`,
  exportLine: (name, value) => `export ${name}='${value.replace(/'/g, `'"'"'`)}'\n`,
  echo: { options: 'neE', escapes: false },
};

const dash: Dialect = {
  id: 'dash',
  notFound: (site, command) => `${dashPrefix(site)}${command}: not found\n`,
  cannotExecute: (site, path, errno) =>
    errno === 'ENOENT'
      ? { message: `${dashPrefix(site)}${path}: not found\n`, status: 127 }
      : { message: `${dashPrefix(site)}${path}: Permission denied\n`, status: 126 },
  cannotCreate: (site, path, errno) => `${dashPrefix(site)}cannot create ${path}: ${DASH_CREATE[errno] ?? ERRNO_TEXT[errno]}\n`,
  cannotOpen: (site, path) => `${dashPrefix(site)}cannot open ${path}: No such file\n`,
  cdFailed: (site, directory) => `${dashPrefix(site)}cd: can't cd to ${directory}\n`,
  failureStatus: 2,
  syntaxError: (site, problem) => {
    const prefix = `${site.name}: ${problem.line}: Syntax error: `;
    switch (problem.kind) {
      case 'unterminated':
        return problem.quote === "'" || problem.quote === '"'
          ? `${prefix}Unterminated quoted string\n`
          : `${prefix}end of file unexpected (expecting "${problem.quote}")\n`;
      case 'unexpected':
        return `${prefix}${problem.token === 'newline' ? 'newline' : `"${problem.token}"`} unexpected\n`;
      case 'eof':
        return `${prefix}end of file unexpected (expecting "${problem.expecting}")\n`;
    }
  },
  prompt: (info) => `${sign(info)} `,
  exitMessage: '',
  badNumber: (site, builtin, value) => `${dashPrefix(site)}${builtin}: Illegal number: ${value}\n`,
  missingScript: (name) => `${name}: 0: -c requires an argument\n`,
  exportLine: (name, value) => `export ${name}='${value.replace(/'/g, `'"'"'`)}'\n`,
  echo: { options: 'n', escapes: true },
};

const bash: Dialect = {
  id: 'bash',
  notFound: (site, command) => `${bashPrefix(site)}${command}: command not found\n`,
  cannotExecute: (site, path, errno) =>
    errno === 'ENOENT'
      ? { message: `${bashPrefix(site)}${path}: No such file or directory\n`, status: 127 }
      : { message: `${bashPrefix(site)}${path}: ${errno === 'EISDIR' ? 'Is a directory' : 'Permission denied'}\n`, status: 126 },
  cannotCreate: (site, path, errno) => `${bashPrefix(site)}${path}: ${ERRNO_TEXT[errno]}\n`,
  cannotOpen: (site, path, errno) => `${bashPrefix(site)}${path}: ${ERRNO_TEXT[errno]}\n`,
  cdFailed: (site, directory, errno) => `${bashPrefix(site)}cd: ${directory}: ${ERRNO_TEXT[errno]}\n`,
  failureStatus: 1,
  syntaxError: (site, problem, sourceLine) => {
    const prefix = site.interactive ? `${site.name}: ` : `${site.name}: -c: line ${problem.line}: `;
    switch (problem.kind) {
      case 'unterminated':
        return `${prefix}unexpected EOF while looking for matching \`${problem.quote}'\n`;
      case 'unexpected': {
        const quoted = site.interactive ? '' : `${prefix}\`${sourceLine}'\n`;
        return `${prefix}syntax error near unexpected token \`${problem.token}'\n${quoted}`;
      }
      case 'eof':
        return `${prefix}syntax error: unexpected end of file\n`;
    }
  },
  prompt: (info) => `${info.user}@${info.hostname}:${info.directory}${sign(info)} `,
  exitMessage: 'exit\n',
  badNumber: (site, builtin, value) => `${bashPrefix(site)}${builtin}: ${value}: numeric argument required\n`,
  missingScript: (name) => `${name}: -c: option requires an argument\n`,
  exportLine: (name, value) => `declare -x ${name}="${value.replace(/["\\$`]/g, (c) => `\\${c}`)}"\n`,
  echo: { options: 'neE', escapes: false },
};

export const DIALECTS: Readonly<Record<DialectId, Dialect>> = { ash, dash, bash };

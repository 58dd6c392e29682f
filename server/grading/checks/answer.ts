// `answer`: what the learner wrote to the answers ConfigMap (or a file), compared to what the
// scenario accepts. The accepted answer is only shown once the learner has found it.

import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { AnswerCheck } from '../../scenarios/schema.js';
import { splitNamespacedName } from '../identities.js';
import type { CheckOutcome } from '../report.js';
import type { GradingRun } from '../session.js';
import { shellCommand } from '../shell-words.js';
import { asList } from './output.js';

export async function runAnswer(check: AnswerCheck, run: GradingRun): Promise<CheckOutcome> {
  const { value, command, missing } = check.file ? await fromFile(check.file, run.session.options) : await fromConfigMap(check, run);
  const passed = value !== undefined && accepts(check, value);
  return {
    passed,
    command,
    output: value === undefined ? missing : value,
    expected: passed ? `an accepted answer (${describe(check)})` : `an accepted answer for "${check.key}" (shown once you have it)`,
    why: check.why,
  };
}

export function accepts(check: AnswerCheck, raw: string): boolean {
  const value = normalize(raw, check.caseSensitive);
  if ('equals' in check.expect) return asList(check.expect.equals).some((a) => normalize(a, check.caseSensitive) === value);
  return new RegExp(check.expect.matches, check.caseSensitive ? '' : 'i').test(raw.trim());
}

function normalize(text: string, caseSensitive: boolean): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return caseSensitive ? t : t.toLowerCase();
}

function describe(check: AnswerCheck): string {
  return 'equals' in check.expect ? asList(check.expect.equals).map((a) => JSON.stringify(a)).join(' or ') : `/${check.expect.matches}/`;
}

async function fromConfigMap(check: AnswerCheck, run: GradingRun): Promise<{ value?: string; command: string; missing: string }> {
  const { namespace, name } = splitNamespacedName(check.configMap);
  const command = shellCommand(['kubectl', 'get', 'configmap', name, '-n', namespace, '-o', `jsonpath={.data.${check.key}}`]);
  const res = await run.session.api.request('GET', `/api/v1/namespaces/${namespace}/configmaps/${name}`);
  if (res.status === 404) return { command, missing: `Error from server (NotFound): configmaps "${name}" not found` };
  if (res.status !== 200) throw new Error(`reading configmap ${check.configMap}: HTTP ${res.status}`);
  const value = (res.body as { data?: Record<string, string> }).data?.[check.key];
  return value === undefined ? { command, missing: `(no "${check.key}" key yet)` } : { value, command, missing: '' };
}

/** Answers are short; a larger file is not an answer (and must not be read whole). */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Reads an answer file the learner wrote. The grader may run with more rights than the learner's
 * shell (root, in a classroom): so only a regular file, not through a link, and only inside the
 * answers folder or the learner's HOME, or a planted `answer -> /etc/shadow` would be read out.
 */
async function fromFile(file: string, options: { answersDir: string; homeDir: string }): Promise<{ value?: string; command: string; missing: string }> {
  const base = file.startsWith('~/') ? options.homeDir : options.answersDir;
  const path = resolve(base, file.startsWith('~/') ? file.slice(2) : file);
  const command = shellCommand(['cat', path]);
  const refused = (why: string) => ({ command, missing: `${path}: ${why}` });
  if (!isInside(base, path)) return refused('outside your home folder: write the answer into a file there');
  let handle: FileHandle | undefined;
  try {
    const parent = await realpath(dirname(path));
    if (!isInside(await realpath(base), parent)) return refused('its folder is a link out of your home folder: write the answer into a plain file');
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile()) return refused('not a plain file');
    if (stat.size > MAX_ANSWER_BYTES) return refused(`larger than ${MAX_ANSWER_BYTES / 1024} KiB: an answer is a line or two`);
    return { value: await handle.readFile('utf8'), command, missing: '' };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return refused('a link: write the answer into the file itself');
    return { command, missing: `cat: ${path}: No such file or directory` };
  } finally {
    await handle?.close();
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

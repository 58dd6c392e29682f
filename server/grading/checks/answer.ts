// `answer`: what the learner wrote to the answers ConfigMap (or a file), compared to what the
// scenario accepts. The accepted answer is only shown once the learner has found it.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { AnswerCheck } from '../../scenarios/schema.js';
import { splitNamespacedName } from '../identities.js';
import type { CheckOutcome } from '../report.js';
import type { GradingRun } from '../session.js';
import { shellCommand } from '../shell-words.js';
import { asList } from './output.js';

export async function runAnswer(check: AnswerCheck, run: GradingRun): Promise<CheckOutcome> {
  const { value, command, missing } = check.file ? await fromFile(check.file, run.session.options.answersDir) : await fromConfigMap(check, run);
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

async function fromFile(file: string, answersDir: string): Promise<{ value?: string; command: string; missing: string }> {
  const path = file.startsWith('~/') ? resolve(homedir(), file.slice(2)) : resolve(answersDir, file);
  const command = shellCommand(['cat', path]);
  try {
    return { value: await readFile(path, 'utf8'), command, missing: '' };
  } catch {
    return { command, missing: `cat: ${path}: No such file or directory` };
  }
}

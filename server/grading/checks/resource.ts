// `resource`: an object exists, does not, or a JSONPath field of it matches, shown as the
// `kubectl get` command that prints the same thing.

import type { ResourceCheck } from '../../scenarios/schema.js';
import { evaluateJsonPath, formatJsonPathResults, parseJsonPath } from '../jsonpath.js';
import { kindInfo, objectPath, type KindInfo } from '../kinds.js';
import type { CheckOutcome } from '../report.js';
import type { GradingRun } from '../session.js';
import { shellCommand } from '../shell-words.js';
import { shorten } from './output.js';

export async function runResource(check: ResourceCheck, run: GradingRun): Promise<CheckOutcome> {
  const info = kindInfo(check.kind);
  if (!info) throw new Error(`kind ${check.kind} is not one the grader reads`);
  const res = await run.session.api.request('GET', objectPath(info, check.name, check.namespace));
  if (res.status !== 200 && res.status !== 404) throw new Error(`reading ${check.kind} ${check.name}: HTTP ${res.status} ${res.text.trim()}`);
  const found = res.status === 200;
  const words = ['kubectl', 'get', info.kubectlName, check.name, ...(check.namespace ? ['-n', check.namespace] : [])];
  const notFound = `Error from server (NotFound): ${info.plural}${info.group ? `.${info.group}` : ''} "${check.name}" not found`;

  if ('exists' in check.expect) {
    const want = check.expect.exists;
    return {
      passed: found === want,
      command: shellCommand(words),
      output: found ? `${info.kubectlName} ${check.name} exists` : notFound,
      expected: want ? `${check.kind} ${check.name} exists` : `no ${check.kind} named ${check.name}`,
      why: check.why,
    };
  }
  const { jsonPath } = check.expect;
  const command = shellCommand([...words, '-o', `jsonpath=${jsonPath}`]);
  if (!found) return { passed: false, command, output: notFound, expected: describe(check, info), why: check.why };
  const parsed = parseJsonPath(jsonPath);
  if (!parsed.ok) throw new Error(parsed.message);
  const printed = formatJsonPathResults(evaluateJsonPath(parsed.segments, res.body));
  return { passed: matches(check.expect, printed), command, output: shorten(printed || '(empty)'), expected: describe(check, info), why: check.why };
}

type FieldExpectation = Extract<ResourceCheck['expect'], { jsonPath: string }>;

function matches(e: FieldExpectation, printed: string): boolean {
  if (e.equals !== undefined) return printed === e.equals;
  if (e.contains !== undefined) return printed.includes(e.contains);
  if (e.notContains !== undefined) return !printed.includes(e.notContains);
  return new RegExp(e.matches ?? '').test(printed);
}

function describe(check: ResourceCheck, info: KindInfo): string {
  const e = check.expect as FieldExpectation;
  const what = `${e.jsonPath} of ${info.kubectlName} ${check.name}`;
  if (e.equals !== undefined) return `${what} is ${JSON.stringify(e.equals)}`;
  if (e.contains !== undefined) return `${what} contains ${JSON.stringify(e.contains)}`;
  if (e.notContains !== undefined) return `${what} does not contain ${JSON.stringify(e.notContains)}`;
  return `${what} matches /${e.matches ?? ''}/`;
}

// `can-i`: the real `kubectl auth can-i`, with the subresource always passed as --subresource
// (`kubectl auth can-i get nodes/proxy` would ask about a node NAMED proxy).

import type { CanICheck } from '../../scenarios/schema.js';
import type { CheckOutcome } from '../report.js';
import type { GradingRun } from '../session.js';
import { shellCommand } from '../shell-words.js';

function canIArgs(check: CanICheck): string[] {
  return [
    'auth',
    'can-i',
    check.verb,
    check.name ? `${check.resource}/${check.name}` : check.resource,
    ...(check.subresource ? [`--subresource=${check.subresource}`] : []),
    ...(check.allNamespaces ? ['-A'] : check.namespace ? ['-n', check.namespace] : []),
    `--as=${check.as}`,
    ...(check.asGroups ?? []).map((g) => `--as-group=${g}`),
  ];
}

export async function runCanI(check: CanICheck, run: GradingRun): Promise<CheckOutcome> {
  const args = canIArgs(check);
  const result = await run.session.kubectl.run(args);
  const answer = result.stdout.trim().split('\n')[0] ?? '';
  const output = [result.stdout.trimEnd(), result.stderr.trimEnd()].filter(Boolean).join('\n');
  const base = { command: shellCommand(['kubectl', ...args]), output, expected: check.expect, why: check.why };
  if (answer !== 'yes' && answer !== 'no') return { ...base, passed: false, error: `kubectl auth can-i gave no yes/no answer (exit code ${result.code})` };
  return { ...base, passed: answer === check.expect };
}

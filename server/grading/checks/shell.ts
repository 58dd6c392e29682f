// `shell`: a script from the scenario for what the declarative checks cannot express; exit code 0
// passes. It runs with the same environment as solution scripts.

import { join } from 'node:path';
import type { ShellCheck } from '../../scenarios/schema.js';
import type { CheckOutcome } from '../report.js';
import { runScript } from '../scripts.js';
import type { GradingRun } from '../session.js';
import { shellCommand } from '../shell-words.js';
import { shorten } from './output.js';

export async function runShell(check: ShellCheck, run: GradingRun): Promise<CheckOutcome> {
  const file = join(run.scenario.dir, check.script);
  const result = await runScript(file, run.scriptEnv(), { cwd: run.scenario.dir, timeoutMs: check.timeoutSeconds * 1000 });
  return {
    passed: result.code === 0 && !result.timedOut,
    command: shellCommand(['bash', file]),
    output: shorten(result.output.trimEnd() || '(no output)') + (result.timedOut ? `\n(stopped after ${check.timeoutSeconds} s)` : ''),
    expected: 'the script exits with code 0',
    why: check.why,
  };
}

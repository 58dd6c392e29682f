import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { solutionCommand } from './solution-command.js';

/** Types `input` into a non-interactive bash the way the terminal would, and returns what it printed. */
function typed(input: string): { stdout: string; status: number | null } {
  const run = spawnSync('bash', ['-s'], { input: `${input}\n`, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', OUTER: 'outer-value' } });
  return { stdout: run.stdout, status: run.status };
}

describe('solutionCommand', () => {
  it('keeps the learner shell alive when the script fails under set -e or exits', () => {
    const script = '#!/usr/bin/env bash\nset -euo pipefail\necho first\nfalse\necho never\n';
    const out = typed(`${solutionCommand(script)}\necho "after=$?"\n${solutionCommand('exit 3')}\necho "after=$?"`);
    expect(out.stdout).toBe('first\nafter=1\nafter=3\n');
  });

  it('passes the script through unexpanded while the script itself sees the exported environment', () => {
    const script = 'echo "single \'quotes\' and $OUTER"\necho \'$NOT_EXPANDED\'\n\n\n';
    expect(typed(solutionCommand(script)).stdout).toBe("single 'quotes' and outer-value\n$NOT_EXPANDED\n");
  });
});

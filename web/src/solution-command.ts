// A step's solution is a script (often with `set -euo pipefail` or `exit`). Typed line by line
// into the learner's interactive shell, the first failing command would close that shell; run
// through a child bash fed by a quoted heredoc, it runs as written and the learner's shell stays.

const DELIMITER = 'KUBELAB_SOLUTION';

export function solutionCommand(script: string): string {
  return `bash <<'${DELIMITER}'\n${script.replace(/\n+$/, '')}\n${DELIMITER}`;
}

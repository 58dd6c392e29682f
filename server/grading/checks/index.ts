// One runner per check type.

import type { Check } from '../../scenarios/schema.js';
import type { CheckOutcome } from '../report.js';
import type { GradingRun } from '../session.js';
import { runAnswer } from './answer.js';
import { runCanI } from './can-i.js';
import { runKubeletExec } from './kubelet-exec.js';
import { runKubelet } from './kubelet.js';
import { runNoGrant } from './no-grant.js';
import { runResource } from './resource.js';
import { runShell } from './shell.js';

export function runCheck(check: Check, run: GradingRun): Promise<CheckOutcome> {
  switch (check.type) {
    case 'can-i':
      return runCanI(check, run);
    case 'kubelet':
      return runKubelet(check, run);
    case 'kubelet-exec':
      return runKubeletExec(check, run);
    case 'resource':
      return runResource(check, run);
    case 'no-grant':
      return runNoGrant(check, run);
    case 'answer':
      return runAnswer(check, run);
    case 'shell':
      return runShell(check, run);
  }
}

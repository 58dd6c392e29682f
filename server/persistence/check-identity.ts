// Which identity a check acted as, for the evidence an instructor exports: the impersonated user
// of a can-i check, the ServiceAccount whose token a kubelet call carried (or none), else the
// grader's admin.

import type { KubeVersion } from '../../cluster/versions.js';
import { checksFor, type Scenario } from '../scenarios/model.js';

const GRADER = 'kubernetes-admin (the grader)';

export function checkIdentity(scenario: Scenario, version: KubeVersion, stepNumber: number, checkId: string): string {
  const step = scenario.steps.find((s) => s.number === stepNumber);
  const check = step ? checksFor(step, version).find((c) => c.id === checkId) : undefined;
  if (!check) return GRADER;
  if (check.type === 'can-i') return check.as;
  if (check.type === 'kubelet' || check.type === 'kubelet-exec') {
    return check.serviceAccount ? `system:serviceaccount:${check.serviceAccount.replace('/', ':')}` : 'system:anonymous (no credentials)';
  }
  return GRADER;
}

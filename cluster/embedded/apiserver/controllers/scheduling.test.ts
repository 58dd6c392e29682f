import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { fitErrorMessage, unfitReason } from './scheduling.js';

const controlPlane: KubeObject = {
  metadata: { name: 'lab-control-plane', labels: { 'kubernetes.io/hostname': 'lab-control-plane' } },
  spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
};
const worker: KubeObject = { metadata: { name: 'lab-worker', labels: { 'kubernetes.io/hostname': 'lab-worker' } }, spec: {} };
const pod = (spec: Record<string, unknown>): KubeObject => ({ metadata: { name: 'p' }, spec });

describe('which node fits a pod', () => {
  it('checks taints first, then the nodeSelector, as the default profile orders its filters', () => {
    const picky = pod({ nodeSelector: { disktype: 'ssd' } });
    expect(unfitReason(picky, controlPlane)).toBe('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
    expect(unfitReason(picky, worker)).toBe("node(s) didn't match Pod's node affinity/selector");
    expect(unfitReason(pod({}), worker)).toBeUndefined();
    expect(unfitReason(pod({ tolerations: [{ operator: 'Exists' }] }), controlPlane)).toBeUndefined();
  });

  it('words the FitError as the scheduler does: reasons counted and sorted, then preemption', () => {
    expect(fitErrorMessage(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', "node(s) didn't match Pod's node affinity/selector", "node(s) didn't match Pod's node affinity/selector"])).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(fitErrorMessage([])).toBe('no nodes available to schedule pods');
  });
});

// GET /api/v1/componentstatuses (`kubectl get cs`), as pkg/registry/core/componentstatus answers
// it: no storage, each server the API server validates probed on every request. Here they are
// the control plane's scheduler and controller-manager (their /healthz says "ok") and etcd-0
// (its prober's "ok"), always healthy: the embedded control plane has nothing that can fail them.

import type { KubeObject } from './types.js';
import { ApiError } from './status.js';

const COMPONENTS = ['scheduler', 'controller-manager', 'etcd-0'] as const;

function componentStatus(name: string): KubeObject {
  // A zero ObjectMeta but the name, as getComponentStatus builds it (creationTimestamp: null).
  return {
    metadata: { name, creationTimestamp: null },
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  };
}

export function listComponentStatuses(): KubeObject[] {
  return COMPONENTS.map(componentStatus);
}

/** REST.Get: an unknown name is a plain Go error, which the API server answers as a 500 without a reason. */
export function getComponentStatus(name: string): KubeObject {
  if (!(COMPONENTS as readonly string[]).includes(name)) throw new ApiError(500, '', `Component not found: ${name}`);
  return componentStatus(name);
}

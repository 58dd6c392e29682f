// apps/v1: the workload controllers. Deployments and DaemonSets are listed, not stored.

import type { GroupSpec, ResourceSpec } from '../model.js';
import { SCALE, resource, statusOf } from '../model.js';

/** A workload controller: in category "all", with status and (except DaemonSet) scale. */
function workload(kind: string, plural: string, shortName: string, scalable: boolean): ResourceSpec {
  return resource(kind, plural, {
    namespaced: true,
    shortNames: [shortName],
    categories: ['all'],
    subresources: scalable ? [SCALE, statusOf(kind)] : [statusOf(kind)],
  });
}

export const apps: GroupSpec = {
  name: 'apps',
  priority: 17800,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('ControllerRevision', 'controllerrevisions', { namespaced: true }),
        workload('DaemonSet', 'daemonsets', 'ds', false),
        workload('Deployment', 'deployments', 'deploy', true),
        workload('ReplicaSet', 'replicasets', 'rs', true),
        workload('StatefulSet', 'statefulsets', 'sts', true),
      ],
    },
  ],
};

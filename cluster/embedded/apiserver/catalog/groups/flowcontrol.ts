// flowcontrol.apiserver.k8s.io: API Priority and Fairness. v1 since 1.29; v1beta3 stayed
// enabled by default as a "legacy beta" until its removal in 1.32.

import type { GroupSpec, ResourceSpec, VersionSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

const resources: ResourceSpec[] = [
  resource('FlowSchema', 'flowschemas', { namespaced: false, subresources: [statusOf('FlowSchema')] }),
  resource('PriorityLevelConfiguration', 'prioritylevelconfigurations', {
    namespaced: false,
    subresources: [statusOf('PriorityLevelConfiguration')],
  }),
];

export const flowControl: GroupSpec = {
  name: 'flowcontrol.apiserver.k8s.io',
  priority: 16100,
  versions: [{ version: 'v1', priority: 21, resources }],
};

export const FLOWCONTROL_V1BETA3: VersionSpec = { version: 'v1beta3', priority: 18, resources };

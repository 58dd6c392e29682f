// resource.k8s.io/v1: Dynamic Resource Allocation, GA and on by default since 1.34. Its beta
// versions were never on by default, so earlier releases serve no resource.k8s.io at all.
// Its storage version in 1.36 is unconfirmed, so discovery shows no hash for it.

import type { GroupSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

export const dynamicResourceAllocation: GroupSpec = {
  name: 'resource.k8s.io',
  priority: 16200,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('DeviceClass', 'deviceclasses', { namespaced: false, storedAs: 'unverified' }),
        resource('ResourceClaim', 'resourceclaims', {
          namespaced: true,
          subresources: [statusOf('ResourceClaim')],
          storedAs: 'unverified',
        }),
        resource('ResourceClaimTemplate', 'resourceclaimtemplates', { namespaced: true, storedAs: 'unverified' }),
        resource('ResourceSlice', 'resourceslices', { namespaced: false, storedAs: 'unverified' }),
      ],
    },
  ],
};

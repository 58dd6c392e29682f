// policy/v1: PodDisruptionBudgets (evictions are the core pods/eviction subresource).

import type { GroupSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

export const policy: GroupSpec = {
  name: 'policy',
  priority: 17100,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('PodDisruptionBudget', 'poddisruptionbudgets', {
          namespaced: true,
          shortNames: ['pdb'],
          subresources: [statusOf('PodDisruptionBudget')],
        }),
      ],
    },
  ],
};

// apiregistration.k8s.io/v1: APIServices, served by kube-aggregator itself. The aggregator puts
// its own group first in /apis ("it's good to be king"), ahead of every APIService priority.

import type { GroupSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

export const apiRegistration: GroupSpec = {
  name: 'apiregistration.k8s.io',
  priority: 0,
  listedFirst: true,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('APIService', 'apiservices', {
          namespaced: false,
          categories: ['api-extensions'],
          subresources: [statusOf('APIService')],
        }),
      ],
    },
  ],
};

// batch/v1: Jobs and CronJobs.

import type { GroupSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

export const batch: GroupSpec = {
  name: 'batch',
  priority: 17400,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('CronJob', 'cronjobs', {
          namespaced: true,
          shortNames: ['cj'],
          categories: ['all'],
          subresources: [statusOf('CronJob')],
        }),
        resource('Job', 'jobs', { namespaced: true, categories: ['all'], subresources: [statusOf('Job')] }),
      ],
    },
  ],
};

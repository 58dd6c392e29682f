// autoscaling: v2 and v1 serve the same HorizontalPodAutoscalers. v2 has the higher version
// priority, so it is preferred and is the storage version.

import type { GroupSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

const horizontalPodAutoscalers = resource('HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  subresources: [statusOf('HorizontalPodAutoscaler')],
});

export const autoscaling: GroupSpec = {
  name: 'autoscaling',
  priority: 17500,
  versions: [
    { version: 'v2', priority: 30, resources: [horizontalPodAutoscalers] },
    { version: 'v1', priority: 15, resources: [horizontalPodAutoscalers] },
  ],
};

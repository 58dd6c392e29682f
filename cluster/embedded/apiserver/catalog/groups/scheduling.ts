// scheduling.k8s.io/v1: PriorityClasses.

import type { GroupSpec } from '../model.js';
import { resource } from '../model.js';

export const scheduling: GroupSpec = {
  name: 'scheduling.k8s.io',
  priority: 16600,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [resource('PriorityClass', 'priorityclasses', { namespaced: false, shortNames: ['pc'] })],
    },
  ],
};

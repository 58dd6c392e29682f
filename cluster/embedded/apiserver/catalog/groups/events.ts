// events.k8s.io/v1: the newer Event API. It shares etcd with core v1 Events (cohabiting
// resources), so its storage version hash is the core one.

import type { GroupSpec } from '../model.js';
import { resource } from '../model.js';

export const events: GroupSpec = {
  name: 'events.k8s.io',
  priority: 17750,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('Event', 'events', {
          namespaced: true,
          shortNames: ['ev'],
          storage: 'stored',
          storedAs: { group: '', version: 'v1' },
        }),
      ],
    },
  ],
};

// discovery.k8s.io/v1: EndpointSlices.

import type { GroupSpec } from '../model.js';
import { resource } from '../model.js';

export const discovery: GroupSpec = {
  name: 'discovery.k8s.io',
  priority: 16200,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [resource('EndpointSlice', 'endpointslices', { namespaced: true })],
    },
  ],
};

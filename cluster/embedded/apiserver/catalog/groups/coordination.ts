// coordination.k8s.io/v1: Leases. LeaseCandidate stays beta (off by default) through 1.36.

import type { GroupSpec } from '../model.js';
import { resource } from '../model.js';

export const coordination: GroupSpec = {
  name: 'coordination.k8s.io',
  priority: 16500,
  versions: [{ version: 'v1', priority: 15, resources: [resource('Lease', 'leases', { namespaced: true })] }],
};

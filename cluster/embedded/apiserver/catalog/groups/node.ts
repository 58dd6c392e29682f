// node.k8s.io/v1: RuntimeClasses.

import type { GroupSpec } from '../model.js';
import { resource } from '../model.js';

export const node: GroupSpec = {
  name: 'node.k8s.io',
  priority: 16300,
  versions: [
    { version: 'v1', priority: 15, resources: [resource('RuntimeClass', 'runtimeclasses', { namespaced: false })] },
  ],
};

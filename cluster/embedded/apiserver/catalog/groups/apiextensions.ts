// apiextensions.k8s.io/v1: CustomResourceDefinitions, served by the apiextensions server.

import type { GroupSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

export const apiExtensions: GroupSpec = {
  name: 'apiextensions.k8s.io',
  priority: 16700,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('CustomResourceDefinition', 'customresourcedefinitions', {
          namespaced: false,
          shortNames: ['crd', 'crds'],
          categories: ['api-extensions'],
          subresources: [statusOf('CustomResourceDefinition')],
        }),
      ],
    },
  ],
};

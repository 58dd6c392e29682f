// authentication.k8s.io/v1: create-only reviews. TokenRequest is not a resource here: it is
// served as the core serviceaccounts/token subresource.

import type { GroupSpec } from '../model.js';
import { review } from '../model.js';

export const authentication: GroupSpec = {
  name: 'authentication.k8s.io',
  priority: 17700,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [review('SelfSubjectReview', 'selfsubjectreviews'), review('TokenReview', 'tokenreviews')],
    },
  ],
};

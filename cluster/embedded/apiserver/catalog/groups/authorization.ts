// authorization.k8s.io/v1: access reviews, all create-only; only the local one is namespaced.

import type { GroupSpec } from '../model.js';
import { review } from '../model.js';

export const authorization: GroupSpec = {
  name: 'authorization.k8s.io',
  priority: 17600,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        review('LocalSubjectAccessReview', 'localsubjectaccessreviews', true),
        review('SelfSubjectAccessReview', 'selfsubjectaccessreviews'),
        review('SelfSubjectRulesReview', 'selfsubjectrulesreviews'),
        review('SubjectAccessReview', 'subjectaccessreviews'),
      ],
    },
  ],
};

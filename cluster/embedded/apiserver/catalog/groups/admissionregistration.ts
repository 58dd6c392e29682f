// admissionregistration.k8s.io/v1: webhooks and CEL admission policies, all in the
// "api-extensions" category. MutatingAdmissionPolicy reached v1 in 1.36.

import type { GroupSpec, ResourceSpec, ResourceOptions } from '../model.js';
import { resource, statusOf } from '../model.js';

function admission(kind: string, plural: string, options: Partial<ResourceOptions> = {}): ResourceSpec {
  return resource(kind, plural, { namespaced: false, categories: ['api-extensions'], ...options });
}

export const admissionRegistration: GroupSpec = {
  name: 'admissionregistration.k8s.io',
  priority: 16700,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        admission('MutatingWebhookConfiguration', 'mutatingwebhookconfigurations'),
        admission('ValidatingAdmissionPolicy', 'validatingadmissionpolicies', {
          subresources: [statusOf('ValidatingAdmissionPolicy')],
        }),
        admission('ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings'),
        admission('ValidatingWebhookConfiguration', 'validatingwebhookconfigurations'),
      ],
    },
  ],
};

/** 1.36 serves them at v1 but still encodes them as v1beta1 in etcd (v1 storage came in 1.37). */
const MUTATING_POLICY_STORAGE = { group: 'admissionregistration.k8s.io', version: 'v1beta1' };

export const MUTATING_ADMISSION_POLICY_RESOURCES: readonly ResourceSpec[] = [
  admission('MutatingAdmissionPolicy', 'mutatingadmissionpolicies', { storedAs: MUTATING_POLICY_STORAGE }),
  admission('MutatingAdmissionPolicyBinding', 'mutatingadmissionpolicybindings', {
    storedAs: MUTATING_POLICY_STORAGE,
  }),
];

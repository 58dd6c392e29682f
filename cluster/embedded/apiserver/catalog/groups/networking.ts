// networking.k8s.io/v1. IPAddress and ServiceCIDR reached v1 in 1.33 (MultiCIDRServiceAllocator GA).

import type { GroupSpec, ResourceSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

export const networking: GroupSpec = {
  name: 'networking.k8s.io',
  priority: 17200,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('IngressClass', 'ingressclasses', { namespaced: false }),
        resource('Ingress', 'ingresses', {
          namespaced: true,
          shortNames: ['ing'],
          subresources: [statusOf('Ingress')],
        }),
        resource('NetworkPolicy', 'networkpolicies', { namespaced: true, shortNames: ['netpol'] }),
      ],
    },
  ],
};

export const SERVICE_CIDR_RESOURCES: readonly ResourceSpec[] = [
  resource('IPAddress', 'ipaddresses', { namespaced: false, shortNames: ['ip'] }),
  resource('ServiceCIDR', 'servicecidrs', { namespaced: false, subresources: [statusOf('ServiceCIDR')] }),
];

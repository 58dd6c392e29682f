// certificates.k8s.io/v1. ClusterTrustBundle and PodCertificateRequest stay beta (off by
// default) through 1.36, so only CSRs are served.

import type { GroupSpec } from '../model.js';
import { READ_WRITE, resource, statusOf } from '../model.js';

export const certificates: GroupSpec = {
  name: 'certificates.k8s.io',
  priority: 17300,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('CertificateSigningRequest', 'certificatesigningrequests', {
          namespaced: false,
          shortNames: ['csr'],
          subresources: [
            { name: 'approval', kind: 'CertificateSigningRequest', verbs: READ_WRITE },
            statusOf('CertificateSigningRequest'),
          ],
        }),
      ],
    },
  ],
};

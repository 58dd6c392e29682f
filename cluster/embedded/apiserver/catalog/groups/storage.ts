// storage.k8s.io/v1. VolumeAttributesClass reached v1 in 1.34; its storage version in the
// releases we emulate is unconfirmed, so discovery shows no hash for it.

import type { GroupSpec, ResourceSpec } from '../model.js';
import { resource, statusOf } from '../model.js';

export const storage: GroupSpec = {
  name: 'storage.k8s.io',
  priority: 16800,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('CSIDriver', 'csidrivers', { namespaced: false }),
        resource('CSINode', 'csinodes', { namespaced: false }),
        resource('CSIStorageCapacity', 'csistoragecapacities', { namespaced: true }),
        resource('StorageClass', 'storageclasses', { namespaced: false, shortNames: ['sc'] }),
        resource('VolumeAttachment', 'volumeattachments', {
          namespaced: false,
          subresources: [statusOf('VolumeAttachment')],
        }),
      ],
    },
  ],
};

export const VOLUME_ATTRIBUTES_CLASS: ResourceSpec = resource('VolumeAttributesClass', 'volumeattributesclasses', {
  namespaced: false,
  shortNames: ['vac'],
  storedAs: 'unverified',
});

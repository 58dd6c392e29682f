// printers.go handler for storage.k8s.io StorageClasses (kind ships "standard (default)").

import type { KubeObject } from '../types.js';
import * as doc from './descriptions.js';
import { translateTimestampSince } from './human-duration.js';
import type { ResourcePrinter } from './printer.js';
import { ageColumn, column, nameColumn, nameOf } from './printer.js';

interface StorageClassJson extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
}

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export const storageClassPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column('Provisioner', 'string', doc.storageClass.provisioner),
    column('ReclaimPolicy', 'string', doc.storageClass.reclaimPolicy),
    column('VolumeBindingMode', 'string', doc.storageClass.volumeBindingMode),
    column('AllowVolumeExpansion', 'string', doc.storageClass.allowVolumeExpansion),
    ageColumn,
  ],
  printRow(obj, { now }) {
    const sc = obj as StorageClassJson;
    const annotations = sc.metadata.annotations ?? {};
    const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => annotations[a] === 'true');
    return {
      cells: [
        isDefault ? `${nameOf(sc)} (default)` : nameOf(sc),
        sc.provisioner ?? '',
        sc.reclaimPolicy ?? 'Delete',
        sc.volumeBindingMode ?? 'Immediate',
        sc.allowVolumeExpansion ?? false,
        translateTimestampSince(sc.metadata.creationTimestamp, now),
      ],
    };
  },
};

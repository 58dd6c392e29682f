import { describe, expect, it } from 'vitest';
import { storageClassPrinter } from './storage-printers.js';
import { NOW } from './testdata/kind-cluster.js';

describe('storage classes', () => {
  it('prints kind\'s default "standard" class', () => {
    const standard = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'standard',
        creationTimestamp: '2026-03-01T10:00:05Z',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    };
    expect(storageClassPrinter.printRow(standard, { now: NOW }).cells).toEqual([
      'standard (default)',
      'rancher.io/local-path',
      'Delete',
      'WaitForFirstConsumer',
      false,
      '25m',
    ]);
  });

  it('fills in the API defaults of a bare class', () => {
    const bare = { metadata: { name: 'fast', creationTimestamp: '2026-03-01T10:25:00Z' }, provisioner: 'csi.example.com', allowVolumeExpansion: true };
    expect(storageClassPrinter.printRow(bare, { now: NOW }).cells).toEqual(['fast', 'csi.example.com', 'Delete', 'Immediate', true, '30s']);
  });
});

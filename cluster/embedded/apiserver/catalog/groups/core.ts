// Core group (""), served under /api/v1. Source: kube-apiserver's legacy storage
// (pkg/registry/core/rest/storage_core.go) and the api/discovery golden files.

import type { GroupSpec } from '../model.js';
import { CONNECT_VERBS, CREATE_ONLY, PROXY_VERBS, READ_WRITE, SCALE, resource, statusOf } from '../model.js';
import type { SubresourceDef } from '../../types.js';

/** In-place pod resize; registered only while the InPlacePodVerticalScaling gate is on (beta 1.33). */
export const POD_RESIZE: SubresourceDef = { name: 'resize', kind: 'Pod', verbs: READ_WRITE };

export const core: GroupSpec = {
  name: '',
  priority: 18000,
  versions: [
    {
      version: 'v1',
      priority: 1,
      resources: [
        resource('Binding', 'bindings', {
          namespaced: true,
          verbs: CREATE_ONLY,
          storedAs: 'notPersisted',
        }),
        resource('ComponentStatus', 'componentstatuses', {
          namespaced: false,
          verbs: ['get', 'list'],
          shortNames: ['cs'],
          storedAs: 'notPersisted',
          deprecationWarning: 'v1 ComponentStatus is deprecated in v1.19+',
        }),
        resource('ConfigMap', 'configmaps', { namespaced: true, shortNames: ['cm'], storage: 'stored' }),
        resource('Endpoints', 'endpoints', { namespaced: true, shortNames: ['ep'] }),
        resource('Event', 'events', { namespaced: true, shortNames: ['ev'], storage: 'stored' }),
        resource('LimitRange', 'limitranges', { namespaced: true, shortNames: ['limits'] }),
        resource('Namespace', 'namespaces', {
          namespaced: false,
          // No deletecollection: namespaces are deleted one by one.
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
          shortNames: ['ns'],
          storage: 'stored',
          subresources: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }, statusOf('Namespace')],
        }),
        resource('Node', 'nodes', {
          namespaced: false,
          shortNames: ['no'],
          storage: 'stored',
          subresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: PROXY_VERBS }, statusOf('Node')],
        }),
        resource('PersistentVolumeClaim', 'persistentvolumeclaims', {
          namespaced: true,
          shortNames: ['pvc'],
          subresources: [statusOf('PersistentVolumeClaim')],
        }),
        resource('PersistentVolume', 'persistentvolumes', {
          namespaced: false,
          shortNames: ['pv'],
          subresources: [statusOf('PersistentVolume')],
        }),
        resource('Pod', 'pods', {
          namespaced: true,
          shortNames: ['po'],
          categories: ['all'],
          storage: 'stored',
          subresources: [
            { name: 'attach', kind: 'PodAttachOptions', verbs: CONNECT_VERBS },
            { name: 'binding', kind: 'Binding', verbs: CREATE_ONLY },
            { name: 'ephemeralcontainers', kind: 'Pod', verbs: READ_WRITE },
            { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: CREATE_ONLY },
            { name: 'exec', kind: 'PodExecOptions', verbs: CONNECT_VERBS },
            { name: 'log', kind: 'Pod', verbs: ['get'] },
            { name: 'portforward', kind: 'PodPortForwardOptions', verbs: CONNECT_VERBS },
            { name: 'proxy', kind: 'PodProxyOptions', verbs: PROXY_VERBS },
            statusOf('Pod'),
          ],
        }),
        resource('PodTemplate', 'podtemplates', { namespaced: true }),
        resource('ReplicationController', 'replicationcontrollers', {
          namespaced: true,
          shortNames: ['rc'],
          categories: ['all'],
          subresources: [SCALE, statusOf('ReplicationController')],
        }),
        resource('ResourceQuota', 'resourcequotas', {
          namespaced: true,
          shortNames: ['quota'],
          subresources: [statusOf('ResourceQuota')],
        }),
        resource('Secret', 'secrets', { namespaced: true, storage: 'stored' }),
        resource('ServiceAccount', 'serviceaccounts', {
          namespaced: true,
          shortNames: ['sa'],
          storage: 'stored',
          subresources: [
            { name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: CREATE_ONLY },
          ],
        }),
        resource('Service', 'services', {
          namespaced: true,
          shortNames: ['svc'],
          categories: ['all'],
          subresources: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: PROXY_VERBS }, statusOf('Service')],
        }),
      ],
    },
  ],
};

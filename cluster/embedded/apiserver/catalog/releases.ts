// What each emulated release serves beyond the base groups, as data. Sources: the release's
// DefaultAPIResourceConfigSource (pkg/controlplane/instance.go), feature-gate defaults and
// CHANGELOGs. A change is named once and listed in every release that has it.

import type { KubeVersion } from '../../../versions.js';
import type { SubresourceDef } from '../types.js';
import type { GroupSpec, ResourceSpec, StoredAs, VersionSpec } from './model.js';
import { MUTATING_ADMISSION_POLICY_RESOURCES } from './groups/admissionregistration.js';
import { POD_RESIZE } from './groups/core.js';
import { FLOWCONTROL_V1BETA3 } from './groups/flowcontrol.js';
import { SERVICE_CIDR_RESOURCES } from './groups/networking.js';
import { dynamicResourceAllocation } from './groups/resource.js';
import { VOLUME_ATTRIBUTES_CLASS } from './groups/storage.js';

export type ApiChange =
  | { add: 'group'; group: GroupSpec }
  | { add: 'version'; group: string; version: VersionSpec }
  | { add: 'resources'; group: string; version: string; resources: readonly ResourceSpec[] }
  | { add: 'subresource'; group: string; version: string; plural: string; subresource: SubresourceDef }
  | { add: 'storedAs'; group: string; version: string; plurals: readonly string[]; storedAs: StoredAs }
  | { add: 'deprecation'; group: string; version: string; plural: string; warning: string };

export interface ReleaseChange {
  /** Why the release differs from the base: the feature and its stage. */
  why: string;
  changes: readonly ApiChange[];
}

const FLOWCONTROL_V1BETA3_STILL_ON: ReleaseChange = {
  why: 'flowcontrol v1beta3 is a legacy beta kept on by default until its removal in 1.32',
  changes: [{ add: 'version', group: 'flowcontrol.apiserver.k8s.io', version: FLOWCONTROL_V1BETA3 }],
};

const SERVICE_CIDR_GA: ReleaseChange = {
  why: 'MultiCIDRServiceAllocator is GA in 1.33: IPAddress and ServiceCIDR at networking.k8s.io/v1',
  changes: [{ add: 'resources', group: 'networking.k8s.io', version: 'v1', resources: SERVICE_CIDR_RESOURCES }],
};

const SERVICE_CIDR_STORAGE_UNCONFIRMED: ReleaseChange = {
  why: 'in 1.33, the release that promotes them, their storage version is unconfirmed',
  changes: [
    {
      add: 'storedAs',
      group: 'networking.k8s.io',
      version: 'v1',
      plurals: SERVICE_CIDR_RESOURCES.map((r) => r.plural),
      storedAs: 'unverified',
    },
  ],
};

const POD_RESIZE_ON: ReleaseChange = {
  why: 'InPlacePodVerticalScaling is beta and on in 1.33, GA in 1.35: pods/resize is registered',
  changes: [{ add: 'subresource', group: '', version: 'v1', plural: 'pods', subresource: POD_RESIZE }],
};

const MUTATING_ADMISSION_POLICY_GA: ReleaseChange = {
  why: 'MutatingAdmissionPolicy is GA in 1.36 at admissionregistration.k8s.io/v1',
  changes: [
    {
      add: 'resources',
      group: 'admissionregistration.k8s.io',
      version: 'v1',
      resources: MUTATING_ADMISSION_POLICY_RESOURCES,
    },
  ],
};

const VOLUME_ATTRIBUTES_CLASS_GA: ReleaseChange = {
  why: 'VolumeAttributesClass is GA in 1.34 at storage.k8s.io/v1',
  changes: [{ add: 'resources', group: 'storage.k8s.io', version: 'v1', resources: [VOLUME_ATTRIBUTES_CLASS] }],
};

const DYNAMIC_RESOURCE_ALLOCATION_GA: ReleaseChange = {
  why: 'Dynamic Resource Allocation is GA in 1.34: resource.k8s.io/v1 is on by default',
  changes: [{ add: 'group', group: dynamicResourceAllocation }],
};

const ENDPOINTS_DEPRECATED: ReleaseChange = {
  why: 'v1 Endpoints is deprecated from 1.33 (KEP-4974): every request for it carries the warning',
  changes: [{ add: 'deprecation', group: '', version: 'v1', plural: 'endpoints', warning: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice' }],
};

export const RELEASE_CHANGES: Record<KubeVersion, readonly ReleaseChange[]> = {
  '1.31': [FLOWCONTROL_V1BETA3_STILL_ON],
  '1.33': [SERVICE_CIDR_GA, SERVICE_CIDR_STORAGE_UNCONFIRMED, POD_RESIZE_ON, ENDPOINTS_DEPRECATED],
  '1.36': [
    SERVICE_CIDR_GA,
    POD_RESIZE_ON,
    ENDPOINTS_DEPRECATED,
    MUTATING_ADMISSION_POLICY_GA,
    VOLUME_ATTRIBUTES_CLASS_GA,
    DYNAMIC_RESOURCE_ALLOCATION_GA,
  ],
};

// Which apidiscovery.k8s.io versions each release serves. v2beta1 is dropped by default from
// 1.33 (gate AggregatedDiscoveryRemoveBetaType: deprecated, default true; locked in 1.35).

import type { KubeVersion } from '../../../versions.js';
import type { AggregatedVersion } from './aggregated.js';

export const AGGREGATED_DISCOVERY_VERSIONS: Record<KubeVersion, readonly AggregatedVersion[]> = {
  '1.31': ['v2', 'v2beta1'],
  '1.33': ['v2'],
  '1.36': ['v2'],
};

// The KubeletConfiguration every node of a cluster runs with, as kind builds it: its template and
// kubeadm's defaults, the cluster-wide feature gates (kind writes them into the kubelet's
// featureGates), then the user's KubeletConfiguration patch. Checked before anything starts, so an
// invalid patch fails `cluster up` with the message the kubelet would have logged.

import type { KubeVersion } from '../../versions.js';
import { kindKubeletConfig, mergeKubeletConfig, type KubeletConfigResult } from './kubelet-config.js';

export function resolveNodeKubeletConfig(
  version: KubeVersion,
  clusterGates: Readonly<Record<string, boolean>>,
  patchYaml: string | undefined,
): KubeletConfigResult {
  let result = kindKubeletConfig(version);
  if (result.ok && Object.keys(clusterGates).length > 0) {
    const gatesPatch = JSON.stringify({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', featureGates: clusterGates });
    result = mergeKubeletConfig(result.file, gatesPatch, version);
  }
  if (result.ok && patchYaml !== undefined && patchYaml.trim() !== '') {
    const warnings = result.warnings;
    result = mergeKubeletConfig(result.file, patchYaml, version);
    if (result.ok) result = { ...result, warnings: [...warnings, ...result.warnings] };
  }
  return result;
}

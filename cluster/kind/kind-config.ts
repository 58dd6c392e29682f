// The kind configuration for a lab cluster spec: the node list (one control plane, then workers),
// the feature gates the spec asks for (already checked against the version's own gate table), the
// spec's KubeletConfiguration patch as an unversioned kubeadm config patch (kind applies it to the
// kubelet of every node; unversioned patches also survive kind's switch to kubeadm v1beta4 at
// 1.36), and an audit policy and log for the kubelets' SubjectAccessReviews.

import { parse, stringify } from 'yaml';
import type { ClusterSpec } from '../provider.js';
import { AUDIT_LOG_DIR, AUDIT_LOG_PATH, AUDIT_POLICY_NODE_PATH } from './audit-policy.js';

export interface KindConfigInput {
  spec: ClusterSpec;
  /** The audit policy file on the Docker host, mounted into the control-plane node. */
  auditPolicyHostPath: string;
}

export function renderKindConfig({ spec, auditPolicyHostPath }: KindConfigInput): string {
  const workers = Math.max(0, (spec.nodes ?? 1) - 1);
  const config: Record<string, unknown> = { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4' };
  if (spec.featureGates && Object.keys(spec.featureGates).length) config.featureGates = { ...spec.featureGates };
  config.nodes = [
    { role: 'control-plane', extraMounts: [{ hostPath: auditPolicyHostPath, containerPath: AUDIT_POLICY_NODE_PATH, readOnly: true }] },
    ...Array.from({ length: workers }, () => ({ role: 'worker' })),
  ];
  const patches = [stringify(auditPatch())];
  const kubelet = kubeletPatch(spec.kubeletConfigPatch);
  if (kubelet) patches.push(stringify(kubelet));
  config.kubeadmConfigPatches = patches;
  return stringify(config);
}

/** kube-apiserver flags and mounts for the audit log (map-form extraArgs: kind converts them for v1beta4). */
function auditPatch(): Record<string, unknown> {
  return {
    kind: 'ClusterConfiguration',
    apiServer: {
      extraArgs: {
        'audit-policy-file': AUDIT_POLICY_NODE_PATH,
        'audit-log-path': AUDIT_LOG_PATH,
        'audit-log-maxsize': '20',
        'audit-log-maxbackup': '1',
      },
      extraVolumes: [
        { name: 'kubelab-audit-policy', hostPath: AUDIT_POLICY_NODE_PATH, mountPath: AUDIT_POLICY_NODE_PATH, readOnly: true, pathType: 'File' },
        { name: 'kubelab-audit-log', hostPath: AUDIT_LOG_DIR, mountPath: AUDIT_LOG_DIR, readOnly: false, pathType: 'DirectoryOrCreate' },
      ],
    },
  };
}

/** The spec's KubeletConfiguration patch, unversioned, or undefined when there is none. */
function kubeletPatch(yaml: string | undefined): Record<string, unknown> | undefined {
  if (!yaml?.trim()) return undefined;
  const parsed: unknown = parse(yaml);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the kubelet configuration patch is not a YAML mapping');
  const { apiVersion: _apiVersion, kind: _kind, ...fields } = parsed as Record<string, unknown>;
  return Object.keys(fields).length ? { kind: 'KubeletConfiguration', ...fields } : undefined;
}

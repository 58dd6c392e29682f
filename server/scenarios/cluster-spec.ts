// The cluster a scenario needs on each version. Scenario clusters lower the kubelet's webhook
// caches (allowed 5m, denied 30s, token reviews 2m by default) to one second, so an RBAC fix
// reaches the kubelet at once; a lesson about caching keeps the defaults (webhookCache: default).

import { stringify } from 'yaml';
import type { ClusterSpec } from '../../cluster/provider.js';
import type { KubeVersion } from '../../cluster/versions.js';
import type { ClusterSettings } from './schema.js';
import type { Scenario, ScenarioCluster } from './model.js';

const SHORT_WEBHOOK_CACHE: Record<string, unknown> = {
  authentication: { webhook: { cacheTTL: '1s' } },
  authorization: { webhook: { cacheAuthorizedTTL: '1s', cacheUnauthorizedTTL: '1s' } },
};

/** Cluster defaults merged with one version's overrides (the version wins, key by key). */
export function resolveCluster(
  defaults: (ClusterSettings & { webhookCache?: 'short' | 'default' }) | undefined,
  overrides: ClusterSettings | null | undefined,
): ScenarioCluster {
  const base = defaults?.webhookCache === 'default' ? {} : SHORT_WEBHOOK_CACHE;
  const patch = deepMerge(deepMerge(base, defaults?.kubeletConfig ?? {}), overrides?.kubeletConfig ?? {});
  return {
    nodes: overrides?.nodes ?? defaults?.nodes ?? 1,
    featureGates: { ...defaults?.featureGates, ...overrides?.featureGates },
    // A kind kubeadmConfigPatches entry: the kind names the document it patches.
    kubeletConfigPatch: Object.keys(patch).length ? stringify({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', ...patch }) : '',
  };
}

export function clusterSpecFor(scenario: Scenario, version: KubeVersion, name: string): ClusterSpec {
  const cluster = scenario.clusters[version];
  if (!cluster) throw new Error(`scenario "${scenario.id}" does not run on v${version}: it runs on ${scenario.versions.join(', ')}`);
  const spec: ClusterSpec = { name, version, nodes: cluster.nodes };
  if (Object.keys(cluster.featureGates).length) spec.featureGates = cluster.featureGates;
  if (cluster.kubeletConfigPatch) spec.kubeletConfigPatch = cluster.kubeletConfigPatch;
  return spec;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

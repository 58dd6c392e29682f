// What the grader must know about a node's kubelet to explain its decisions: whether it tries the
// fine-grained subresources first (KubeletFineGrainedAuthz) and how long it caches decisions.
// Read from the kubelet's own /configz (through the API server's node proxy, as the admin);
// when that is unreachable, taken from the scenario's cluster spec, and said so.

import { parse } from 'yaml';
import { FEATURE_GATES } from '../../cluster/feature-gates.js';
import type { KubeVersion } from '../../cluster/versions.js';
import { parseGoDuration } from '../../cluster/embedded/kubelet/go-duration.js';
import type { ScenarioCluster } from '../scenarios/model.js';
import type { KubeClient } from './kube-client.js';

export interface KubeletView {
  /** Webhook: each request is a SubjectAccessReview; AlwaysAllow: nobody is asked. */
  mode: string;
  fineGrained: boolean;
  authorizedTTLms: number;
  unauthorizedTTLms: number;
  source: 'configz' | 'scenario spec';
}

const GATE = 'KubeletFineGrainedAuthz';
const DEFAULT_AUTHORIZED_TTL = '5m0s';
const DEFAULT_UNAUTHORIZED_TTL = '30s';

interface ConfigLike {
  featureGates?: Record<string, boolean>;
  authorization?: { mode?: string; webhook?: { cacheAuthorizedTTL?: string; cacheUnauthorizedTTL?: string } };
}

export async function readKubeletView(api: KubeClient, node: string, version: KubeVersion, spec: ScenarioCluster | undefined): Promise<KubeletView> {
  const res = await api.request('GET', `/api/v1/nodes/${encodeURIComponent(node)}/proxy/configz`).catch(() => undefined);
  const live = res?.status === 200 ? (res.body as { kubeletconfig?: ConfigLike } | undefined)?.kubeletconfig : undefined;
  if (live) return view(version, live, 'configz');
  const patch = (spec?.kubeletConfigPatch ? parse(spec.kubeletConfigPatch) : {}) as ConfigLike;
  return view(version, { ...patch, featureGates: { ...spec?.featureGates, ...patch.featureGates } }, 'scenario spec');
}

function view(version: KubeVersion, config: ConfigLike, source: KubeletView['source']): KubeletView {
  const gate = FEATURE_GATES[version][GATE];
  return {
    mode: config.authorization?.mode ?? 'Webhook',
    // Where the gate does not exist (1.31) the kubelet only knows the coarse mapping.
    fineGrained: gate ? (config.featureGates?.[GATE] ?? gate.default) : false,
    authorizedTTLms: durationMs(config.authorization?.webhook?.cacheAuthorizedTTL ?? DEFAULT_AUTHORIZED_TTL),
    unauthorizedTTLms: durationMs(config.authorization?.webhook?.cacheUnauthorizedTTL ?? DEFAULT_UNAUTHORIZED_TTL),
    source,
  };
}

function durationMs(text: string): number {
  const parsed = parseGoDuration(text);
  return parsed.ok ? Number(parsed.nanoseconds / 1_000_000n) : 0;
}

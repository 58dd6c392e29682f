import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveCluster } from './cluster-spec.js';

describe('a scenario cluster per version', () => {
  it('lowers the kubelet webhook caches to one second by default, under the author\'s patch', () => {
    const c = resolveCluster({ nodes: 2, kubeletConfig: { authentication: { webhook: { enabled: false } } } }, { featureGates: { KubeletFineGrainedAuthz: false } });
    expect(c.nodes).toBe(2);
    expect(c.featureGates).toEqual({ KubeletFineGrainedAuthz: false });
    expect(parse(c.kubeletConfigPatch)).toEqual({
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      authentication: { webhook: { cacheTTL: '1s', enabled: false } },
      authorization: { webhook: { cacheAuthorizedTTL: '1s', cacheUnauthorizedTTL: '1s' } },
    });
  });

  it('keeps the kubelet defaults for a lesson about caching, and lets a version override a field', () => {
    const c = resolveCluster({ webhookCache: 'default', kubeletConfig: { authorization: { mode: 'Webhook' } } }, { kubeletConfig: { authorization: { mode: 'AlwaysAllow' } } });
    expect(parse(c.kubeletConfigPatch)).toEqual({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', authorization: { mode: 'AlwaysAllow' } });
    expect(resolveCluster({ webhookCache: 'default' }, null)).toEqual({ nodes: 1, featureGates: {}, kubeletConfigPatch: '' });
  });
});

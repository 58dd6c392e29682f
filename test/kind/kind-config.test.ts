// The generated kind config per version and gate choice, checked as kind and kubeadm would read it.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderKindConfig } from '../../cluster/kind/kind-config.js';
import { auditPolicyYaml, AUDIT_LOG_PATH, AUDIT_POLICY_NODE_PATH } from '../../cluster/kind/audit-policy.js';
import { validateSpec } from '../../cluster/embedded/cluster.js';
import type { ClusterSpec } from '../../cluster/provider.js';

interface KindConfig {
  kind: string;
  apiVersion: string;
  featureGates?: Record<string, boolean>;
  nodes: { role: string; extraMounts?: { hostPath: string; containerPath: string; readOnly: boolean }[] }[];
  kubeadmConfigPatches: string[];
}

const SHORT_CACHE = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthorization:\n  webhook:\n    cacheAuthorizedTTL: 1s\n    cacheUnauthorizedTTL: 1s\n';

function render(spec: ClusterSpec): KindConfig {
  validateSpec(spec); // the provider refuses anything this refuses
  return parse(renderKindConfig({ spec, auditPolicyHostPath: '/data/kind/kubelab-x/audit-policy.yaml' })) as KindConfig;
}

function patches(config: KindConfig): Record<string, unknown>[] {
  return config.kubeadmConfigPatches.map((p) => parse(p) as Record<string, unknown>);
}

describe('kind config per version and gate choice', () => {
  it('1.31 without gates: no featureGates at all (the gate does not exist there)', () => {
    const config = render({ name: 'x', version: '1.31' });
    expect(config).toMatchObject({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4' });
    expect(config.featureGates).toBeUndefined();
    expect(config.nodes.map((n) => n.role)).toEqual(['control-plane']);
  });

  it('1.31 with KubeletFineGrainedAuthz: refused with the kubelet\'s own message', () => {
    expect(() => render({ name: 'x', version: '1.31', featureGates: { KubeletFineGrainedAuthz: true } })).toThrow('unrecognized feature gate: KubeletFineGrainedAuthz');
  });

  it('1.33 with the gate turned off: written for every component, as given', () => {
    const config = render({ name: 'x', version: '1.33', nodes: 3, featureGates: { KubeletFineGrainedAuthz: false } });
    expect(config.featureGates).toEqual({ KubeletFineGrainedAuthz: false });
    expect(config.nodes.map((n) => n.role)).toEqual(['control-plane', 'worker', 'worker']);
  });

  it('1.36: the gate is locked on, so false is refused and true is accepted', () => {
    expect(() => render({ name: 'x', version: '1.36', featureGates: { KubeletFineGrainedAuthz: false } })).toThrow('cannot set feature gate KubeletFineGrainedAuthz to false, feature is locked to true');
    expect(render({ name: 'x', version: '1.36', featureGates: { KubeletFineGrainedAuthz: true } }).featureGates).toEqual({ KubeletFineGrainedAuthz: true });
  });

  it('the KubeletConfiguration patch goes in unversioned, fields intact', () => {
    const [, kubelet] = patches(render({ name: 'x', version: '1.36', kubeletConfigPatch: SHORT_CACHE }));
    expect(kubelet).toEqual({ kind: 'KubeletConfiguration', authorization: { webhook: { cacheAuthorizedTTL: '1s', cacheUnauthorizedTTL: '1s' } } });
  });

  it('no kubelet patch when the spec has none', () => {
    expect(patches(render({ name: 'x', version: '1.33' })).map((p) => p.kind)).toEqual(['ClusterConfiguration']);
  });

  it('the API server audits the kubelets\' SubjectAccessReviews: policy mounted into the node and the static pod, log in a node directory', () => {
    const config = render({ name: 'x', version: '1.33', nodes: 2 });
    expect(config.nodes[0]!.extraMounts).toEqual([{ hostPath: '/data/kind/kubelab-x/audit-policy.yaml', containerPath: AUDIT_POLICY_NODE_PATH, readOnly: true }]);
    expect(config.nodes[1]!.extraMounts).toBeUndefined();
    const [audit] = patches(config) as [{ kind: string; apiServer: { extraArgs: Record<string, string>; extraVolumes: { hostPath: string; mountPath: string }[] } }];
    expect(audit.kind).toBe('ClusterConfiguration');
    expect(audit.apiServer.extraArgs['audit-policy-file']).toBe(AUDIT_POLICY_NODE_PATH);
    expect(audit.apiServer.extraArgs['audit-log-path']).toBe(AUDIT_LOG_PATH);
    expect(audit.apiServer.extraVolumes.map((v) => v.mountPath)).toEqual([AUDIT_POLICY_NODE_PATH, '/var/log/kubernetes/kubelab']);
  });

  it('the audit policy logs node SubjectAccessReviews with their responses and nothing else', () => {
    const policy = parse(auditPolicyYaml()) as { apiVersion: string; rules: { level: string; userGroups?: string[]; resources?: { group: string; resources: string[] }[] }[] };
    expect(policy.apiVersion).toBe('audit.k8s.io/v1');
    expect(policy.rules).toEqual([
      { level: 'RequestResponse', userGroups: ['system:nodes'], verbs: ['create'], resources: [{ group: 'authorization.k8s.io', resources: ['subjectaccessreviews'] }] },
      { level: 'None' },
    ]);
  });
});

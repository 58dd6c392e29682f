import { describe, expect, it } from 'vitest';
import type { KubeVersion } from '../../versions.js';
import { configzBody, kindKubeletConfig, mergeKubeletConfig, type KubeletConfiguration } from './kubelet-config.js';

function base(version: KubeVersion) {
  const result = kindKubeletConfig(version);
  if (!result.ok) throw new Error(result.message);
  return result;
}

function merge(version: KubeVersion, patch: string) {
  return mergeKubeletConfig(base(version).file, `kind: KubeletConfiguration\napiVersion: kubelet.config.k8s.io/v1beta1\n${patch}`, version);
}

function merged(version: KubeVersion, patch: string) {
  const result = merge(version, patch);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('a kind node without patches', () => {
  it('has the kubeadm authn/authz defaults in every version', () => {
    for (const version of ['1.31', '1.33', '1.36'] as const) {
      const { config } = base(version);
      expect(config.authentication).toEqual({
        x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
        webhook: { enabled: true, cacheTTL: '2m0s' },
        anonymous: { enabled: false },
      });
      expect(config.authorization).toEqual({ mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } });
      expect(config.enableDebuggingHandlers).toBe(true);
      expect(config.featureGates).toEqual({});
      // kind's template: the node's disk stays out of eviction and image GC.
      expect(config['evictionHard']).toEqual({ 'imagefs.available': '0%', 'nodefs.available': '0%', 'nodefs.inodesFree': '0%' });
      expect(config['failSwapOn']).toBe(false);
      expect(config['cgroupRoot']).toBe('/kubelet');
    }
  });

  it('grows fields with the version', () => {
    const fields = (v: KubeVersion) => Object.keys(base(v).config);
    expect(fields('1.31')).not.toContain('mergeDefaultEvictionSettings');
    expect(base('1.33').config['mergeDefaultEvictionSettings']).toBe(false);
    expect(base('1.33').config['crashLoopBackOff']).toEqual({});
    expect(fields('1.33')).not.toContain('imagePullCredentialsVerificationPolicy');
    // Gate-dependent defaults: KubeletCrashLoopBackOffMax and KubeletEnsureSecretPulledImages are on in 1.36.
    expect(base('1.36').config['crashLoopBackOff']).toEqual({ maxContainerRestartPeriod: '5m0s' });
    expect(base('1.36').config['imagePullCredentialsVerificationPolicy']).toBe('NeverVerifyPreloadedImages');
  });

  it('renders /configz in struct order and leaves out empty featureGates', () => {
    const body = configzBody(base('1.31').config);
    const keys = Object.keys(body.kubeletconfig);
    expect(keys.slice(0, 4)).toEqual(['enableServer', 'staticPodPath', 'podLogsDir', 'syncFrequency']);
    expect(keys.indexOf('iptablesDropBit') + 1).toBe(keys.indexOf('failSwapOn'));
    expect(keys).not.toContain('featureGates');
    const withGate = merged('1.33', 'featureGates:\n  KubeletFineGrainedAuthz: false\n');
    const gateKeys = Object.keys(configzBody(withGate.config).kubeletconfig);
    expect(gateKeys.indexOf('featureGates')).toBe(gateKeys.indexOf('iptablesDropBit') + 1);
  });
});

describe('merging a kind KubeletConfiguration patch', () => {
  it('merges nested objects field by field and writes durations back in Go form', () => {
    const { config } = merged('1.33', 'authentication:\n  webhook:\n    cacheTTL: 90s\nauthorization:\n  webhook:\n    cacheAuthorizedTTL: 1h\n');
    expect(config.authentication.webhook).toEqual({ enabled: true, cacheTTL: '1m30s' });
    expect(config.authentication.anonymous.enabled).toBe(false);
    expect(config.authorization.webhook).toEqual({ cacheAuthorizedTTL: '1h0m0s', cacheUnauthorizedTTL: '30s' });
  });

  it('lets a learner open the kubelet up, with the warnings kubeadm prints', () => {
    const result = merged('1.31', 'authentication:\n  anonymous:\n    enabled: true\n  webhook:\n    enabled: false\nauthorization:\n  mode: AlwaysAllow\n');
    expect(result.config.authentication.anonymous.enabled).toBe(true);
    expect(result.config.authorization.mode).toBe('AlwaysAllow');
    expect(result.warnings).toEqual([
      'The recommended value for "authentication.anonymous.enabled" in "KubeletConfiguration" is: false; the provided value is: true',
      'The recommended value for "authorization.mode" in "KubeletConfiguration" is: Webhook; the provided value is: AlwaysAllow',
      'The recommended value for "authentication.webhook.enabled" in "KubeletConfiguration" is: true; the provided value is: false',
    ]);
  });

  it('reads YAML 1.1 booleans like sigs.k8s.io/yaml does', () => {
    expect(merged('1.33', 'enableDebuggingHandlers: no\n').config.enableDebuggingHandlers).toBe(false);
  });

  it('drops unknown fields with the lenient-decoding log line instead of failing', () => {
    const result = merged('1.36', 'enableDebugHandlers: false\nauthentication:\n  anonymus:\n    enabled: true\n');
    expect(result.config.enableDebuggingHandlers).toBe(true);
    expect(result.config).not.toHaveProperty('enableDebugHandlers');
    expect(result.warnings).toEqual([
      '"Using lenient decoding as strict decoding failed" err="strict decoding error: unknown field \\"enableDebugHandlers\\", unknown field \\"authentication.anonymus\\""',
    ]);
  });

  it('treats a field newer than the version as unknown', () => {
    const result = merged('1.31', 'mergeDefaultEvictionSettings: true\n');
    expect(result.config).not.toHaveProperty('mergeDefaultEvictionSettings');
    expect(result.warnings[0]).toContain('unknown field \\"mergeDefaultEvictionSettings\\"');
  });

  it.each([
    ['authorization:\n  webhook:\n    cacheAuthorizedTTL: 5x\n', 'failed to decode: time: unknown unit "x" in duration "5x"'],
    ['authentication:\n  webhook:\n    cacheTTL: 5\n', 'failed to decode: json: cannot unmarshal number into Go value of type string'],
    ['syncFrequency: "10"\n', 'failed to decode: time: missing unit in duration "10"'],
    ['enableDebuggingHandlers: "false"\n', 'failed to decode: json: cannot unmarshal string into Go struct field KubeletConfiguration.enableDebuggingHandlers of type bool'],
    [
      'authentication:\n  anonymous:\n    enabled: "true"\n',
      'failed to decode: json: cannot unmarshal string into Go struct field KubeletAnonymousAuthentication.authentication.anonymous.enabled of type bool',
    ],
    ['port: 1.5\n', 'failed to decode: json: cannot unmarshal number 1.5 into Go struct field KubeletConfiguration.port of type int32'],
    ['featureGates:\n  KubeletFineGrainedAuthz: "on"\n', 'failed to decode: json: cannot unmarshal string into Go struct field KubeletConfiguration.featureGates of type bool'],
    ['featureGates: "KubeletFineGrainedAuthz=true"\n', 'failed to decode: json: cannot unmarshal string into Go struct field KubeletConfiguration.featureGates of type map[string]bool'],
    ['clusterDNS: [10.96.0.10, 5]\n', 'failed to decode: json: cannot unmarshal number into Go struct field KubeletConfiguration.clusterDNS of type string'],
    ['authorization:\n  mode: RBAC\n', 'unknown authorization mode RBAC'],
  ])('rejects %j', (patch, message) => {
    expect(merge('1.33', patch)).toEqual({ ok: false, message });
  });

  it('validates feature gates against the version', () => {
    expect(merge('1.31', 'featureGates:\n  KubeletFineGrainedAuthz: true\n')).toEqual({
      ok: false,
      message: 'unrecognized feature gate: KubeletFineGrainedAuthz',
    });
    expect(merge('1.36', 'featureGates:\n  KubeletFineGrainedAuthz: false\n')).toEqual({
      ok: false,
      message: 'cannot set feature gate KubeletFineGrainedAuthz to false, feature is locked to true',
    });
    const off = merged('1.33', 'featureGates:\n  KubeletFineGrainedAuthz: false\n');
    expect(off.effectiveGates['KubeletFineGrainedAuthz']).toBe(false);
  });

  it('drops gate-dependent defaults when the gate is turned off', () => {
    const result = merged('1.36', 'featureGates:\n  KubeletCrashLoopBackOffMax: false\n');
    expect(result.config['crashLoopBackOff']).toEqual({});
    expect(result.file['crashLoopBackOff']).toEqual({});
  });

  it('resets a field set to null to its default, and removes a map entry set to null', () => {
    const cleared = merged('1.33', 'authorization: null\nfailSwapOn: null\nevictionHard:\n  nodefs.available: null\n');
    expect(cleared.config.authorization.mode).toBe('Webhook');
    expect(cleared.config['failSwapOn']).toBe(true); // kind's false goes, the kubelet default comes back
    expect(cleared.config['evictionHard']).toEqual({ 'imagefs.available': '0%', 'nodefs.inodesFree': '0%' });
    const noEviction = merged('1.33', 'evictionHard: null\n');
    expect(noEviction.config['evictionHard']).toEqual({
      'imagefs.available': '15%',
      'imagefs.inodesFree': '5%',
      'memory.available': '100Mi',
      'nodefs.available': '10%',
      'nodefs.inodesFree': '5%',
    });
  });

  it('does not warn about values kubeadm fills in itself', () => {
    expect(merged('1.33', 'staticPodPath: ""\nauthentication:\n  x509:\n    clientCAFile: ""\n').warnings).toEqual([]);
    expect(merged('1.33', 'readOnlyPort: 10255\n').warnings).toEqual([
      'The recommended value for "readOnlyPort" in "KubeletConfiguration" is: 0; the provided value is: 10255',
    ]);
  });

  it('defaults zero values of non-pointer fields, but keeps explicit false on pointer fields', () => {
    const result = merged('1.33', 'port: 0\nauthorization:\n  mode: ""\n  webhook:\n    cacheUnauthorizedTTL: 0s\nenableDebuggingHandlers: false\n');
    expect(result.config['port']).toBe(10250);
    expect(result.config.authorization).toEqual({ mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } });
    expect(result.config.enableDebuggingHandlers).toBe(false);
  });

  it('keeps rotateCertificates on: kubeadm hardcodes it', () => {
    expect(merged('1.33', 'rotateCertificates: false\n').config['rotateCertificates']).toBe(true);
  });

  it('applies patches one after another', () => {
    const first = merged('1.33', 'authentication:\n  anonymous:\n    enabled: true\n');
    const second = mergeKubeletConfig(first.file, 'kind: KubeletConfiguration\nauthorization:\n  mode: AlwaysAllow\n', '1.33');
    if (!second.ok) throw new Error(second.message);
    const { authentication, authorization }: KubeletConfiguration = second.config;
    expect([authentication.anonymous.enabled, authorization.mode]).toEqual([true, 'AlwaysAllow']);
  });

  it('only takes KubeletConfiguration patches', () => {
    const file = base('1.33').file;
    expect(mergeKubeletConfig(file, 'kind: InitConfiguration\n', '1.33')).toEqual({
      ok: false,
      message: 'patch is for kind "InitConfiguration", not KubeletConfiguration',
    });
    expect(mergeKubeletConfig(file, 'apiVersion: kubelet.config.k8s.io/v1\nkind: KubeletConfiguration\n', '1.33')).toEqual({
      ok: false,
      message: 'KubeletConfiguration apiVersion must be kubelet.config.k8s.io/v1beta1, got "kubelet.config.k8s.io/v1"',
    });
    const broken = mergeKubeletConfig(file, 'kind: KubeletConfiguration\nauthorization: [\n', '1.33');
    expect(broken.ok === false && broken.message).toMatch(/^invalid YAML: /);
  });
});

// The v1beta1 KubeletConfiguration fields (staging/src/k8s.io/kubelet/config/v1beta1/types.go),
// in struct order, with the Go type the JSON decoder checks values against. Struct order matters:
// encoding/json writes fields in that order, so /configz lists them in it too.
// Fields added after the versions we ship, or whose first release could not be pinned, are left
// out; a patch naming them is treated as an unknown field (a warning, see decodeKubeletPatch).

import type { KubeVersion } from '../../versions.js';
import { formatGoDuration, parseGoDuration } from './go-duration.js';

export type FieldType =
  | { kind: 'bool' | 'int32' | 'int64' | 'float64' | 'string' | 'duration' }
  | { kind: 'typedString'; goType: string }
  | { kind: 'stringList' | 'stringMap' | 'boolMap' | 'opaque' }
  | { kind: 'struct'; goType: string; fields: readonly FieldSpec[] };

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** First release whose v1beta1 API has the field (absent: all versions we ship). */
  since?: KubeVersion;
}

const t = {
  bool: { kind: 'bool' },
  int32: { kind: 'int32' },
  int64: { kind: 'int64' },
  float64: { kind: 'float64' },
  string: { kind: 'string' },
  duration: { kind: 'duration' },
  stringList: { kind: 'stringList' },
  stringMap: { kind: 'stringMap' },
  boolMap: { kind: 'boolMap' },
  opaque: { kind: 'opaque' },
} as const satisfies Record<string, FieldType>;

const f = (name: string, type: FieldType, since?: KubeVersion): FieldSpec => (since ? { name, type, since } : { name, type });

const AUTHENTICATION: FieldType = {
  kind: 'struct',
  goType: 'KubeletAuthentication',
  fields: [
    f('x509', { kind: 'struct', goType: 'KubeletX509Authentication', fields: [f('clientCAFile', t.string)] }),
    f('webhook', {
      kind: 'struct',
      goType: 'KubeletWebhookAuthentication',
      fields: [f('enabled', t.bool), f('cacheTTL', t.duration)],
    }),
    f('anonymous', { kind: 'struct', goType: 'KubeletAnonymousAuthentication', fields: [f('enabled', t.bool)] }),
  ],
};

const AUTHORIZATION: FieldType = {
  kind: 'struct',
  goType: 'KubeletAuthorization',
  fields: [
    f('mode', { kind: 'typedString', goType: 'v1beta1.KubeletAuthorizationMode' }),
    f('webhook', {
      kind: 'struct',
      goType: 'KubeletWebhookAuthorization',
      fields: [f('cacheAuthorizedTTL', t.duration), f('cacheUnauthorizedTTL', t.duration)],
    }),
  ],
};

const KUBELET_CONFIGURATION: FieldType = {
  kind: 'struct',
  goType: 'KubeletConfiguration',
  fields: [
    f('enableServer', t.bool),
    f('staticPodPath', t.string),
    f('podLogsDir', t.string),
    f('syncFrequency', t.duration),
    f('fileCheckFrequency', t.duration),
    f('httpCheckFrequency', t.duration),
    f('staticPodURL', t.string),
    f('staticPodURLHeader', t.opaque),
    f('address', t.string),
    f('port', t.int32),
    f('readOnlyPort', t.int32),
    f('tlsCertFile', t.string),
    f('tlsPrivateKeyFile', t.string),
    f('tlsCipherSuites', t.stringList),
    f('tlsMinVersion', t.string),
    f('rotateCertificates', t.bool),
    f('serverTLSBootstrap', t.bool),
    f('authentication', AUTHENTICATION),
    f('authorization', AUTHORIZATION),
    f('registryPullQPS', t.int32),
    f('registryBurst', t.int32),
    f('imagePullCredentialsVerificationPolicy', { kind: 'typedString', goType: 'v1beta1.ImagePullCredentialsVerificationPolicy' }, '1.33'),
    f('preloadedImagesVerificationAllowlist', t.stringList, '1.33'),
    f('eventRecordQPS', t.int32),
    f('eventBurst', t.int32),
    f('enableDebuggingHandlers', t.bool),
    f('enableContentionProfiling', t.bool),
    f('healthzPort', t.int32),
    f('healthzBindAddress', t.string),
    f('oomScoreAdj', t.int32),
    f('clusterDomain', t.string),
    f('clusterDNS', t.stringList),
    f('streamingConnectionIdleTimeout', t.duration),
    f('nodeStatusUpdateFrequency', t.duration),
    f('nodeStatusReportFrequency', t.duration),
    f('nodeLeaseDurationSeconds', t.int32),
    f('imageMinimumGCAge', t.duration),
    f('imageMaximumGCAge', t.duration),
    f('imageGCHighThresholdPercent', t.int32),
    f('imageGCLowThresholdPercent', t.int32),
    f('volumeStatsAggPeriod', t.duration),
    f('kubeletCgroups', t.string),
    f('systemCgroups', t.string),
    f('cgroupRoot', t.string),
    f('cgroupsPerQOS', t.bool),
    f('cgroupDriver', t.string),
    f('cpuManagerPolicy', t.string),
    f('singleProcessOOMKill', t.bool, '1.33'),
    f('cpuManagerPolicyOptions', t.stringMap),
    f('cpuManagerReconcilePeriod', t.duration),
    f('memoryManagerPolicy', t.string),
    f('topologyManagerPolicy', t.string),
    f('topologyManagerScope', t.string),
    f('topologyManagerPolicyOptions', t.stringMap),
    f('qosReserved', t.stringMap),
    f('runtimeRequestTimeout', t.duration),
    f('hairpinMode', t.string),
    f('maxPods', t.int32),
    f('podCIDR', t.string),
    f('podPidsLimit', t.int64),
    f('resolvConf', t.string),
    f('runOnce', t.bool),
    f('cpuCFSQuota', t.bool),
    f('cpuCFSQuotaPeriod', t.duration),
    f('nodeStatusMaxImages', t.int32),
    f('maxOpenFiles', t.int64),
    f('contentType', t.string),
    f('kubeAPIQPS', t.int32),
    f('kubeAPIBurst', t.int32),
    f('serializeImagePulls', t.bool),
    f('maxParallelImagePulls', t.int32),
    f('evictionHard', t.stringMap),
    f('evictionSoft', t.stringMap),
    f('evictionSoftGracePeriod', t.stringMap),
    f('evictionPressureTransitionPeriod', t.duration),
    f('evictionMaxPodGracePeriod', t.int32),
    f('evictionMinimumReclaim', t.stringMap),
    f('mergeDefaultEvictionSettings', t.bool, '1.33'),
    f('podsPerCore', t.int32),
    f('enableControllerAttachDetach', t.bool),
    f('protectKernelDefaults', t.bool),
    f('makeIPTablesUtilChains', t.bool),
    f('iptablesMasqueradeBit', t.int32),
    f('iptablesDropBit', t.int32),
    f('featureGates', t.boolMap),
    f('failSwapOn', t.bool),
    f('memorySwap', t.opaque),
    f('containerLogMaxSize', t.string),
    f('containerLogMaxFiles', t.int32),
    f('containerLogMaxWorkers', t.int32),
    f('containerLogMonitorInterval', t.duration),
    f('configMapAndSecretChangeDetectionStrategy', { kind: 'typedString', goType: 'v1beta1.ResourceChangeDetectionStrategy' }),
    f('systemReserved', t.stringMap),
    f('kubeReserved', t.stringMap),
    f('reservedSystemCPUs', t.string),
    f('showHiddenMetricsForVersion', t.string),
    f('systemReservedCgroup', t.string),
    f('kubeReservedCgroup', t.string),
    f('enforceNodeAllocatable', t.stringList),
    f('allowedUnsafeSysctls', t.stringList),
    f('volumePluginDir', t.string),
    f('providerID', t.string),
    f('kernelMemcgNotification', t.bool),
    f('logging', t.opaque),
    f('enableSystemLogHandler', t.bool),
    f('enableSystemLogQuery', t.bool),
    f('shutdownGracePeriod', t.duration),
    f('shutdownGracePeriodCriticalPods', t.duration),
    f('shutdownGracePeriodByPodPriority', t.opaque),
    f(
      'crashLoopBackOff',
      { kind: 'struct', goType: 'CrashLoopBackOffConfig', fields: [f('maxContainerRestartPeriod', t.duration)] },
      '1.33',
    ),
    f('reservedMemory', t.opaque),
    f('enableProfilingHandler', t.bool),
    f('enableDebugFlagsHandler', t.bool),
    f('seccompDefault', t.bool),
    f('memoryThrottlingFactor', t.float64),
    f('registerWithTaints', t.opaque),
    f('registerNode', t.bool),
    f('tracing', t.opaque),
    f('localStorageCapacityIsolation', t.bool),
    f('containerRuntimeEndpoint', t.string),
    f('imageServiceEndpoint', t.string),
    f('failCgroupV1', t.bool),
    f('userNamespaces', t.opaque),
  ],
};

/** TypeMeta, and the metadata kind's templates carry: consumed before the kubelet sees the document. */
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

const VERSION_ORDER: readonly KubeVersion[] = ['1.31', '1.33', '1.36'];
const existsIn = (field: FieldSpec, version: KubeVersion): boolean =>
  field.since === undefined || VERSION_ORDER.indexOf(version) >= VERSION_ORDER.indexOf(field.since);

export type Decoded = { ok: true; value: Record<string, unknown>; unknownFields: string[] } | { ok: false; message: string };

/** How encoding/json names a JSON value in UnmarshalTypeError ("string", "number 1.5", ...). */
function jsonKind(value: unknown, integerExpected: boolean): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return integerExpected ? `number ${value}` : 'number';
  return typeof value === 'boolean' ? 'bool' : typeof value === 'string' ? 'string' : 'object';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const INT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * Elements of a slice or map: encoding/json reports a bad element with the element type and the
 * field's path (map keys and indexes do not extend it).
 */
function elements(
  collection: readonly unknown[] | Record<string, unknown>,
  type: 'string' | 'bool',
  path: string,
  goStruct: string,
): { value: unknown } | { error: string } {
  const wanted = type === 'bool' ? 'boolean' : 'string';
  const bad = Object.values(collection).find((v) => typeof v !== wanted);
  if (bad === undefined) return { value: collection };
  return { error: `json: cannot unmarshal ${jsonKind(bad, false)} into Go struct field ${goStruct}.${path} of type ${type}` };
}

/**
 * Check one value against its Go type and normalise it the way a decode/encode round trip does
 * (durations come back in time.Duration.String() form). Returns the error text on mismatch.
 */
function decodeValue(value: unknown, type: FieldType, path: string, goStruct: string): { value: unknown } | { error: string } {
  const mismatch = (goType: string, integer = false) => ({
    error: `json: cannot unmarshal ${jsonKind(value, integer)} into Go struct field ${goStruct}.${path} of type ${goType}`,
  });
  switch (type.kind) {
    case 'bool':
      return typeof value === 'boolean' ? { value } : mismatch('bool');
    case 'string':
      return typeof value === 'string' ? { value } : mismatch('string');
    case 'typedString':
      return typeof value === 'string' ? { value } : mismatch(type.goType);
    case 'float64':
      return typeof value === 'number' ? { value } : mismatch('float64');
    case 'int32':
    case 'int64': {
      const [min, max] = INT_RANGES[type.kind]!;
      const ok = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
      return ok ? { value } : mismatch(type.kind, typeof value === 'number');
    }
    case 'duration': {
      // metav1.Duration.UnmarshalJSON decodes a string first, then time.ParseDuration.
      if (typeof value !== 'string') return { error: `json: cannot unmarshal ${jsonKind(value, false)} into Go value of type string` };
      const parsed = parseGoDuration(value);
      return parsed.ok ? { value: formatGoDuration(parsed.nanoseconds) } : { error: parsed.message };
    }
    case 'stringList':
      if (!Array.isArray(value)) return mismatch('[]string');
      return elements(value, 'string', path, goStruct);
    case 'stringMap':
      if (!isObject(value)) return mismatch('map[string]string');
      return elements(value, 'string', path, goStruct);
    case 'boolMap':
      if (!isObject(value)) return mismatch('map[string]bool');
      return elements(value, 'bool', path, goStruct);
    case 'opaque':
      return { value };
    case 'struct':
      return isObject(value) ? { value } : mismatch(type.goType);
  }
}

/**
 * Decode a (merged) KubeletConfiguration document the way the kubelet's codec does: strict first;
 * unknown fields only make it fall back to lenient decoding (logged, field dropped), while a value
 * of the wrong type or an unparsable duration fails the decode.
 */
export function decodeKubeletConfiguration(version: KubeVersion, doc: Record<string, unknown>): Decoded {
  const unknownFields: string[] = [];
  type StructType = Extract<FieldType, { kind: 'struct' }>;
  const walk = (obj: Record<string, unknown>, type: StructType, prefix: string): Record<string, unknown> | string => {
    const out: Record<string, unknown> = {};
    const known = new Map(type.fields.filter((field) => existsIn(field, version)).map((field) => [field.name, field]));
    for (const key of Object.keys(obj)) {
      if (!known.has(key) && !(prefix === '' && ENVELOPE_KEYS.has(key))) unknownFields.push(`${prefix}${key}`);
    }
    for (const field of known.values()) {
      if (!(field.name in obj)) continue;
      const path = `${prefix}${field.name}`;
      const decoded = decodeValue(obj[field.name], field.type, path, type.goType);
      if ('error' in decoded) return decoded.error;
      if (field.type.kind === 'struct') {
        const nested = walk(decoded.value as Record<string, unknown>, field.type, `${path}.`);
        if (typeof nested === 'string') return nested;
        out[field.name] = nested;
      } else {
        out[field.name] = decoded.value;
      }
    }
    return out;
  };
  const result = walk(doc, KUBELET_CONFIGURATION as StructType, '');
  if (typeof result === 'string') return { ok: false, message: `failed to decode: ${result}` };
  return { ok: true, value: result, unknownFields };
}

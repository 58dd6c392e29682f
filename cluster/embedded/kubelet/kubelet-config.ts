// The KubeletConfiguration of a kind node, per version, and how a kind-style patch changes it.
// Three layers produce what /configz shows (in this order of precedence):
//   kind's kubeadm template (+ the user's kubeadmConfigPatches, applied as JSON merge patches)
//   kubeadm's componentconfig defaulting (cmd/kubeadm/app/componentconfigs/kubelet.go)
//   the kubelet's v1beta1 defaulting (pkg/kubelet/apis/config/v1beta1/defaults.go)
// The base values follow a real kubeadm 1.31 /configz and v1beta1 defaults.go; kind's template
// (pkg/cluster/internal/kubeadm/config.go) sets cgroupDriver, cgroupRoot, failSwapOn, image GC and
// eviction thresholds.

import { parseAllDocuments } from 'yaml';
import { validateFeatureGates } from '../../feature-gates.js';
import type { KubeVersion } from '../../versions.js';
import { goQuote } from '../apiserver/authorization/go-quote.js';
import { decodeKubeletConfiguration } from './kubelet-config-schema.js';

/** The v1beta1 JSON form, as /configz renders it under "kubeletconfig". */
export interface KubeletConfiguration {
  authentication: {
    x509: { clientCAFile?: string };
    webhook: { enabled: boolean; cacheTTL: string };
    anonymous: { enabled: boolean };
  };
  authorization: { mode: string; webhook: { cacheAuthorizedTTL: string; cacheUnauthorizedTTL: string } };
  enableDebuggingHandlers: boolean;
  enableSystemLogHandler: boolean;
  enableProfilingHandler: boolean;
  enableDebugFlagsHandler: boolean;
  featureGates: Record<string, boolean>;
  [field: string]: unknown;
}

// Upstream eviction.DefaultEvictionHard, used when a document has no evictionHard at all.
const DEFAULT_EVICTION_HARD = {
  'imagefs.available': '15%',
  'imagefs.inodesFree': '5%',
  'memory.available': '100Mi',
  'nodefs.available': '10%',
  'nodefs.inodesFree': '5%',
};

const LOGGING = {
  format: 'text',
  flushFrequency: '5s',
  verbosity: 0,
  options: { text: { infoBufferSize: '0' }, json: { infoBufferSize: '0' } },
};

/** What a node gets without kind's template: v1beta1 defaults plus kubeadm's (kubeadm's win). */
function upstreamDefaults(version: KubeVersion): Record<string, unknown> {
  const since133 = version !== '1.31';
  return {
    enableServer: true,
    staticPodPath: '/etc/kubernetes/manifests', // kubeadm
    podLogsDir: '/var/log/pods',
    syncFrequency: '1m0s',
    fileCheckFrequency: '20s',
    httpCheckFrequency: '20s',
    address: '0.0.0.0',
    port: 10250,
    // No serverTLSBootstrap: the kubelet self-signs into --cert-dir and records the paths.
    tlsCertFile: '/var/lib/kubelet/pki/kubelet.crt',
    tlsPrivateKeyFile: '/var/lib/kubelet/pki/kubelet.key',
    rotateCertificates: true, // kubeadm (forced)
    authentication: {
      x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' }, // kubeadm
      webhook: { enabled: true, cacheTTL: '2m0s' },
      anonymous: { enabled: false },
    },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } },
    registryPullQPS: 5,
    registryBurst: 10,
    eventRecordQPS: 50,
    eventBurst: 100,
    enableDebuggingHandlers: true,
    healthzPort: 10248,
    healthzBindAddress: '127.0.0.1',
    oomScoreAdj: -999,
    clusterDomain: 'cluster.local', // kubeadm, from networking.dnsDomain
    clusterDNS: ['10.96.0.10'], // kubeadm: the 10th address of kind's service subnet 10.96.0.0/16
    streamingConnectionIdleTimeout: '4h0m0s',
    nodeStatusUpdateFrequency: '10s',
    nodeStatusReportFrequency: '5m0s',
    nodeLeaseDurationSeconds: 40,
    imageMinimumGCAge: '2m0s',
    imageMaximumGCAge: '0s',
    imageGCHighThresholdPercent: 85,
    imageGCLowThresholdPercent: 80,
    volumeStatsAggPeriod: '1m0s',
    cgroupsPerQOS: true,
    cgroupDriver: 'systemd', // kubeadm's default since 1.22
    cpuManagerPolicy: 'none',
    cpuManagerReconcilePeriod: '10s',
    memoryManagerPolicy: 'None',
    topologyManagerPolicy: 'none',
    topologyManagerScope: 'container',
    runtimeRequestTimeout: '2m0s',
    hairpinMode: 'promiscuous-bridge',
    maxPods: 110,
    podPidsLimit: -1,
    resolvConf: '/etc/resolv.conf', // kind nodes do not run systemd-resolved
    cpuCFSQuota: true,
    cpuCFSQuotaPeriod: '100ms',
    nodeStatusMaxImages: 50,
    maxOpenFiles: 1000000,
    contentType: 'application/vnd.kubernetes.protobuf',
    kubeAPIQPS: 50,
    kubeAPIBurst: 100,
    serializeImagePulls: true,
    evictionHard: DEFAULT_EVICTION_HARD,
    evictionPressureTransitionPeriod: '5m0s',
    ...(since133 ? { mergeDefaultEvictionSettings: false } : {}), // field added in 1.33 (PR #127577)
    enableControllerAttachDetach: true,
    makeIPTablesUtilChains: true,
    iptablesMasqueradeBit: 14,
    iptablesDropBit: 15,
    featureGates: {}, // kubeadm initialises it; omitted from /configz while empty
    failSwapOn: true,
    memorySwap: {},
    containerLogMaxSize: '10Mi',
    containerLogMaxFiles: 5,
    containerLogMaxWorkers: 1,
    containerLogMonitorInterval: '10s',
    configMapAndSecretChangeDetectionStrategy: 'Watch',
    enforceNodeAllocatable: ['pods'],
    volumePluginDir: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec/',
    logging: LOGGING,
    enableSystemLogHandler: true,
    enableSystemLogQuery: false,
    shutdownGracePeriod: '0s',
    shutdownGracePeriodCriticalPods: '0s',
    // A struct, not a pointer: encoding/json never omits it, so it shows as {} from 1.32 on.
    ...(since133 ? { crashLoopBackOff: {} } : {}),
    enableProfilingHandler: true,
    enableDebugFlagsHandler: true,
    seccompDefault: false,
    memoryThrottlingFactor: 0.9,
    registerNode: true,
    localStorageCapacityIsolation: true,
    containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock', // kubeadm, from criSocket
    failCgroupV1: false,
  };
}

/** kind's KubeletConfiguration template: keep the node's disk out of eviction, run under /kubelet. */
const KIND_TEMPLATE: Readonly<Record<string, unknown>> = {
  cgroupDriver: 'systemd',
  cgroupRoot: '/kubelet',
  failSwapOn: false,
  imageGCHighThresholdPercent: 100,
  evictionHard: { 'imagefs.available': '0%', 'nodefs.available': '0%', 'nodefs.inodesFree': '0%' },
};

/**
 * Defaults the kubelet only fills while a gate is on (v1beta1 defaults.go checks the gates merged
 * with the document's featureGates). Both gates are beta and on by default in 1.36.
 */
const GATED_DEFAULTS: readonly { gate: string; path: readonly string[]; value: unknown }[] = [
  { gate: 'KubeletCrashLoopBackOffMax', path: ['crashLoopBackOff', 'maxContainerRestartPeriod'], value: '5m0s' },
  { gate: 'KubeletEnsureSecretPulledImages', path: ['imagePullCredentialsVerificationPolicy'], value: 'NeverVerifyPreloadedImages' },
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deep copy that keeps key order (JSON round trip: configuration values are plain JSON). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function reorderAsDecoded(version: KubeVersion, doc: Record<string, unknown>): Record<string, unknown> {
  const decoded = decodeKubeletConfiguration(version, doc);
  if (!decoded.ok) throw new Error(`built-in kubelet defaults do not decode: ${decoded.message}`);
  return decoded.value;
}

/** The configuration file kind and kubeadm leave on a node, before gate-dependent defaulting. */
function kindFileConfiguration(version: KubeVersion): KubeletConfiguration {
  return reorderAsDecoded(version, { ...upstreamDefaults(version), ...clone(KIND_TEMPLATE) }) as KubeletConfiguration;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (node[last] === undefined) node[last] = value;
}

function applyGatedDefaults(version: KubeVersion, config: KubeletConfiguration, gates: Readonly<Record<string, boolean>>): KubeletConfiguration {
  const out = clone(config);
  for (const { gate, path, value } of GATED_DEFAULTS) if (gates[gate] === true) setPath(out, path, value);
  return reorderAsDecoded(version, out) as KubeletConfiguration;
}

export type KubeletConfigResult =
  | {
      ok: true;
      /** The document as written to /var/lib/kubelet/config.yaml (feed it to the next merge). */
      file: KubeletConfiguration;
      /** What the running kubelet uses and /configz shows. */
      config: KubeletConfiguration;
      effectiveGates: Record<string, boolean>;
      /** kubeadm and kubelet log lines a learner would see for this configuration. */
      warnings: string[];
    }
  | { ok: false; message: string };

/** The configuration of an unpatched kind node of `version`. */
export function kindKubeletConfig(version: KubeVersion): KubeletConfigResult {
  return finish(version, kindFileConfiguration(version), []);
}

/** Startup checks after decoding, in the kubelet's order: feature gates, then the authorizer. */
function finish(version: KubeVersion, file: KubeletConfiguration, warnings: string[]): KubeletConfigResult {
  const gates = validateFeatureGates(version, file.featureGates);
  if (!gates.ok) return { ok: false, message: gates.message };
  // BuildAuthz in cmd/kubelet/app/auth.go (an empty mode was already defaulted to Webhook).
  const mode = file.authorization.mode;
  if (mode !== 'Webhook' && mode !== 'AlwaysAllow') return { ok: false, message: `unknown authorization mode ${mode}` };
  return { ok: true, file, config: applyGatedDefaults(version, file, gates.effective), effectiveGates: gates.effective, warnings };
}

/** Fields whose map entries a null deletes (RFC 7386); elsewhere null resets to the default. */
const MAP_FIELDS: ReadonlySet<string> = new Set(['evictionHard', 'evictionSoft', 'evictionSoftGracePeriod', 'evictionMinimumReclaim', 'featureGates', 'systemReserved', 'kubeReserved']);

/**
 * JSON merge patch onto an already-defaulted document. Objects merge key by key and anything else
 * replaces. A null removes the key from the file; the kubelet (or kubeadm) then defaults it again,
 * which is the same as taking it from `defaults`; a removed map entry stays removed.
 */
function mergePatch(target: unknown, patch: unknown, defaults: unknown, inMap: boolean): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isObject(target) ? clone(target) : {};
  const defaultObj = isObject(defaults) ? defaults : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (inMap || defaultObj[key] === undefined) delete out[key];
      else out[key] = clone(defaultObj[key]);
    } else {
      out[key] = mergePatch(out[key], value, defaultObj[key], MAP_FIELDS.has(key));
    }
  }
  return out;
}

const valueAt = (doc: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), doc);

// Non-pointer fields that kubeadm or v1beta1 defaulting fill whenever they hold the zero value
// ("", 0, "0s"), so `port: 0` or `authorization: {mode: ""}` come back as the defaults.
const ZERO_DEFAULTED: readonly (readonly string[])[] = [
  ['staticPodPath'], ['podLogsDir'], ['syncFrequency'], ['fileCheckFrequency'], ['httpCheckFrequency'], ['address'], ['port'],
  ['authentication', 'x509', 'clientCAFile'], ['authentication', 'webhook', 'cacheTTL'], ['authorization', 'mode'],
  ['authorization', 'webhook', 'cacheAuthorizedTTL'], ['authorization', 'webhook', 'cacheUnauthorizedTTL'],
  ['registryBurst'], ['eventBurst'], ['healthzBindAddress'], ['clusterDomain'], ['streamingConnectionIdleTimeout'],
  ['nodeStatusUpdateFrequency'], ['nodeStatusReportFrequency'], ['nodeLeaseDurationSeconds'], ['imageMinimumGCAge'],
  ['volumeStatsAggPeriod'], ['cgroupDriver'], ['cpuManagerPolicy'], ['cpuManagerReconcilePeriod'], ['memoryManagerPolicy'],
  ['topologyManagerPolicy'], ['topologyManagerScope'], ['runtimeRequestTimeout'], ['hairpinMode'], ['maxPods'],
  ['maxOpenFiles'], ['contentType'], ['kubeAPIBurst'], ['evictionPressureTransitionPeriod'], ['containerLogMaxSize'],
  ['configMapAndSecretChangeDetectionStrategy'], ['volumePluginDir'], ['containerRuntimeEndpoint'],
];

const isZero = (value: unknown): boolean => value === '' || value === 0 || value === '0s';

function defaultZeroValues(doc: Record<string, unknown>, defaults: Record<string, unknown>): void {
  for (const path of ZERO_DEFAULTED) {
    const parent = valueAt(doc, path.slice(0, -1));
    const key = path[path.length - 1]!;
    if (isObject(parent) && isZero(parent[key])) parent[key] = clone(valueAt(defaults, path));
  }
  // podPidsLimit: "default nil or negative value to -1"
  if (typeof doc['podPidsLimit'] === 'number' && doc['podPidsLimit'] < 0) doc['podPidsLimit'] = -1;
}

// kubeadm's recommended values: overriding them is allowed but logged (warnDefaultComponentConfigValue).
// An empty value is not an override: kubeadm fills it in silently.
const KUBEADM_RECOMMENDED: readonly { path: readonly string[]; value: unknown }[] = [
  { path: ['staticPodPath'], value: '/etc/kubernetes/manifests' },
  { path: ['clusterDNS'], value: ['10.96.0.10'] },
  { path: ['clusterDomain'], value: 'cluster.local' },
  { path: ['authentication', 'x509', 'clientCAFile'], value: '/etc/kubernetes/pki/ca.crt' },
  { path: ['authentication', 'anonymous', 'enabled'], value: false },
  { path: ['authorization', 'mode'], value: 'Webhook' },
  { path: ['authentication', 'webhook', 'enabled'], value: true },
  { path: ['healthzBindAddress'], value: '127.0.0.1' },
  { path: ['healthzPort'], value: 10248 },
  { path: ['readOnlyPort'], value: 0 },
];

/** Go's %v: a []string prints as [a b]. */
const goValue = (value: unknown): string => (Array.isArray(value) ? `[${value.join(' ')}]` : String(value));

function kubeadmWarnings(patch: Record<string, unknown>): string[] {
  const warnings: string[] = [];
  for (const { path, value } of KUBEADM_RECOMMENDED) {
    const given = valueAt(patch, path);
    if (given === undefined || given === null || given === '' || JSON.stringify(given) === JSON.stringify(value)) continue;
    warnings.push(
      `The recommended value for ${goQuote(path.join('.'))} in "KubeletConfiguration" is: ${goValue(value)}; the provided value is: ${goValue(given)}`,
    );
  }
  return warnings;
}

function parsePatch(patchYamlText: string): { ok: true; patch: Record<string, unknown> } | { ok: false; message: string } {
  // sigs.k8s.io/yaml reads YAML 1.1 (go-yaml v2): `enabled: yes` is a boolean there.
  const docs = [...parseAllDocuments(patchYamlText, { version: '1.1' })];
  const broken = docs.find((d) => d.errors.length > 0);
  if (broken) return { ok: false, message: `invalid YAML: ${broken.errors[0]!.message}` };
  const contents = docs.filter((d) => d.contents !== null);
  if (contents.length !== 1) return { ok: false, message: `expected one KubeletConfiguration document, got ${contents.length}` };
  const patch: unknown = contents[0]!.toJS();
  if (!isObject(patch)) return { ok: false, message: 'a KubeletConfiguration patch must be a mapping' };
  // kind matches a patch to the document of the same kind (and apiVersion when given).
  if (patch['kind'] !== 'KubeletConfiguration') {
    return { ok: false, message: `patch is for kind ${JSON.stringify(patch['kind'] ?? '')}, not KubeletConfiguration` };
  }
  if (patch['apiVersion'] !== undefined && patch['apiVersion'] !== 'kubelet.config.k8s.io/v1beta1') {
    return { ok: false, message: `KubeletConfiguration apiVersion must be kubelet.config.k8s.io/v1beta1, got ${JSON.stringify(patch['apiVersion'])}` };
  }
  return { ok: true, patch };
}

/**
 * Apply a kind `kubeadmConfigPatches` entry for KubeletConfiguration to `file` (the document from
 * kindKubeletConfig or an earlier merge) and run what kubeadm and the kubelet do with the result.
 * Unknown fields are dropped with the kubelet's lenient-decoding log line (v1beta1 is decoded
 * leniently after a strict attempt); wrong types and bad durations fail like the kubelet does.
 */
export function mergeKubeletConfig(
  file: KubeletConfiguration,
  patchYamlText: string,
  version: KubeVersion,
): KubeletConfigResult {
  const parsed = parsePatch(patchYamlText);
  if (!parsed.ok) return parsed;
  const defaults = upstreamDefaults(version);
  const merged = mergePatch(file, parsed.patch, defaults, false) as Record<string, unknown>;
  merged['rotateCertificates'] = true; // kubeadm hardcodes it, whatever the patch says
  const decoded = decodeKubeletConfiguration(version, merged);
  if (!decoded.ok) return decoded;
  defaultZeroValues(decoded.value, defaults);
  const warnings = kubeadmWarnings(parsed.patch);
  if (decoded.unknownFields.length > 0) {
    const err = `strict decoding error: ${decoded.unknownFields.map((name) => `unknown field ${goQuote(name)}`).join(', ')}`;
    warnings.push(`"Using lenient decoding as strict decoding failed" err=${goQuote(err)}`);
  }
  return finish(version, reorderAsDecoded(version, decoded.value) as KubeletConfiguration, warnings);
}

/** The /configz body: {"kubeletconfig": ...}, with featureGates omitted while empty (omitempty). */
export function configzBody(config: KubeletConfiguration): { kubeletconfig: Record<string, unknown> } {
  const hasGates = Object.keys(config.featureGates).length > 0;
  return { kubeletconfig: Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'featureGates' || hasGates)) };
}

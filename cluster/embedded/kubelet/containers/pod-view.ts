// The parts of a Pod (and of the objects it refers to) the container runtime reads, typed once
// here so the rest of the folder never casts.

import type { KubeObject } from '../../apiserver/types.js';
import { own } from './own.js';

export interface EnvVarSource {
  fieldRef?: { fieldPath?: string };
  configMapKeyRef?: { name?: string; key?: string; optional?: boolean };
  secretKeyRef?: { name?: string; key?: string; optional?: boolean };
  resourceFieldRef?: { resource?: string };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  readOnlyRootFilesystem?: boolean;
  supplementalGroups?: number[];
  fsGroup?: number;
}

export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  securityContext?: SecurityContext;
  stdin?: boolean;
  tty?: boolean;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
}

export interface KeyToPath {
  key: string;
  path: string;
}

export interface ProjectionSource {
  serviceAccountToken?: { path: string; expirationSeconds?: number; audience?: string };
  configMap?: { name?: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { name?: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: { path: string; fieldRef?: { fieldPath?: string } }[] };
}

export interface Volume {
  name: string;
  projected?: { sources?: ProjectionSource[] };
  configMap?: { name?: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { secretName?: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: { path: string; fieldRef?: { fieldPath?: string } }[] };
  emptyDir?: unknown;
  hostPath?: { path?: string };
}

export interface PodSpec {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: Volume[];
  nodeName?: string;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  serviceAccountName?: string;
  enableServiceLinks?: boolean;
  dnsPolicy?: string;
  securityContext?: SecurityContext;
  hostAliases?: { ip?: string; hostnames?: string[] }[];
}

export interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: { running?: { startedAt?: string }; terminated?: unknown; waiting?: unknown };
  lastState?: { terminated?: { startedAt?: string; finishedAt?: string; exitCode?: number } };
}

export interface PodStatus {
  podIP?: string;
  hostIP?: string;
  containerStatuses?: ContainerStatus[];
}

/** A pod with the fields this folder reads; everything else stays on `object`. */
export interface PodView {
  object: KubeObject;
  name: string;
  namespace: string;
  uid: string;
  spec: PodSpec;
  status: PodStatus;
}

export function podView(pod: KubeObject): PodView {
  return {
    object: pod,
    name: pod.metadata.name ?? '',
    namespace: pod.metadata.namespace ?? 'default',
    uid: pod.metadata.uid ?? '',
    spec: (pod.spec ?? {}) as PodSpec,
    status: (pod.status ?? {}) as PodStatus,
  };
}

/** ConfigMap data, or Secret data decoded from base64. */
export function objectData(object: KubeObject | undefined, encoding: 'plain' | 'base64'): Map<string, string> | undefined {
  if (!object) return undefined;
  const data = (object.data ?? {}) as Record<string, string>;
  const entries = Object.entries(data).map(([k, v]): [string, string] => [k, encoding === 'base64' ? Buffer.from(v, 'base64').toString('utf8') : v]);
  if (encoding === 'plain') for (const [k, v] of Object.entries((object.binaryData ?? {}) as Record<string, string>)) entries.push([k, Buffer.from(v, 'base64').toString('latin1')]);
  return new Map(entries);
}

/** A downward API fieldPath of the pod, as the kubelet resolves it. */
export function podField(pod: PodView, fieldPath: string, serviceAccount: string): string | undefined {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (label) return own(pod.object.metadata[label[1] as 'labels' | 'annotations'] ?? {}, label[2]!) ?? '';
  const fields: Readonly<Record<string, string | undefined>> = {
    'metadata.name': pod.name,
    'metadata.namespace': pod.namespace,
    'metadata.uid': pod.uid,
    'spec.nodeName': pod.spec.nodeName,
    'spec.serviceAccountName': serviceAccount,
    'status.podIP': pod.status.podIP,
    'status.podIPs': pod.status.podIP,
    'status.hostIP': pod.status.hostIP,
    'status.hostIPs': pod.status.hostIP,
  };
  return own(fields, fieldPath);
}

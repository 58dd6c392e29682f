// What each volume a container mounts holds, as the kubelet's volume plugins would write it:
// projected (ServiceAccount token, kube-root-ca.crt, namespace), configMap, secret, downwardAPI,
// emptyDir. hostPath volumes are shown as empty directories: no host file is ever read.

import type { ClusterObjects, IssuePodToken, TokenResult } from './cluster-objects.js';
import { objectData, podField, type KeyToPath, type PodView, type ProjectionSource, type Volume } from './pod-view.js';

/** A token file of a projected volume, re-issued when it gets old (as the kubelet's token manager does). */
export interface TokenFile {
  /** Path inside the container. */
  path: string;
  audience?: string;
  expirationSeconds: number;
  issuedAt?: number;
}

export interface VolumeContent {
  /** File path (relative to the mount point) -> content. */
  files: Map<string, string>;
  tokens: TokenFile[];
  /** How the kubelet mounts it: tmpfs for projected/secret volumes, the node's disk otherwise. */
  medium: 'tmpfs' | 'disk';
}

const DEFAULT_TOKEN_SECONDS = 3600;

function pick(data: Map<string, string> | undefined, items: KeyToPath[] | undefined): Map<string, string> {
  const files = new Map<string, string>();
  if (!data) return files;
  if (!items?.length) return new Map(data);
  for (const item of items) {
    const value = data.get(item.key);
    if (value !== undefined) files.set(item.path, value);
  }
  return files;
}

function downward(pod: PodView, items: { path: string; fieldRef?: { fieldPath?: string } }[] | undefined): Map<string, string> {
  const serviceAccount = pod.spec.serviceAccountName ?? 'default';
  const files = new Map<string, string>();
  for (const item of items ?? []) files.set(item.path, podField(pod, item.fieldRef?.fieldPath ?? '', serviceAccount) ?? '');
  return files;
}

function projected(pod: PodView, sources: ProjectionSource[], mountPath: string, objects: ClusterObjects): VolumeContent {
  const files = new Map<string, string>();
  const tokens: TokenFile[] = [];
  for (const source of sources) {
    if (source.serviceAccountToken) {
      const { path, audience, expirationSeconds } = source.serviceAccountToken;
      tokens.push({ path: `${mountPath}/${path}`, expirationSeconds: expirationSeconds ?? DEFAULT_TOKEN_SECONDS, ...(audience ? { audience } : {}) });
    }
    if (source.configMap) for (const [k, v] of pick(objectData(objects.configMap(pod.namespace, source.configMap.name ?? ''), 'plain'), source.configMap.items)) files.set(k, v);
    if (source.secret) for (const [k, v] of pick(objectData(objects.secret(pod.namespace, source.secret.name ?? ''), 'base64'), source.secret.items)) files.set(k, v);
    if (source.downwardAPI) for (const [k, v] of downward(pod, source.downwardAPI.items)) files.set(k, v);
  }
  return { files, tokens, medium: 'tmpfs' };
}

export function volumeContent(pod: PodView, volume: Volume, mountPath: string, objects: ClusterObjects): VolumeContent {
  if (volume.projected) return projected(pod, volume.projected.sources ?? [], mountPath, objects);
  if (volume.configMap) {
    return { files: pick(objectData(objects.configMap(pod.namespace, volume.configMap.name ?? ''), 'plain'), volume.configMap.items), tokens: [], medium: 'disk' };
  }
  if (volume.secret) {
    return { files: pick(objectData(objects.secret(pod.namespace, volume.secret.secretName ?? ''), 'base64'), volume.secret.items), tokens: [], medium: 'tmpfs' };
  }
  if (volume.downwardAPI) return { files: downward(pod, volume.downwardAPI.items), tokens: [], medium: 'disk' };
  return { files: new Map(), tokens: [], medium: 'disk' };
}

/** The kubelet refreshes a projected token once 80% of its lifetime passed (or after 24h). */
export function tokenNeedsRefresh(token: TokenFile, nowSeconds: number): boolean {
  if (token.issuedAt === undefined) return true;
  const age = nowSeconds - token.issuedAt;
  return age > Math.min(token.expirationSeconds * 0.8, 24 * 3600);
}

export function issueTokenFile(pod: PodView, token: TokenFile, issue: IssuePodToken): Promise<TokenResult> {
  return issue({
    namespace: pod.namespace,
    serviceAccountName: pod.spec.serviceAccountName ?? 'default',
    pod: { name: pod.name, uid: pod.uid },
    audiences: token.audience ? [token.audience] : [],
    expirationSeconds: token.expirationSeconds,
  });
}

// The cluster-provider contract both runtimes (embedded, kind) satisfy. Grading, terminals and
// scenarios use only this; they never ask which runtime they run on.

import type { KubeVersion } from './versions.js';

export interface ClusterSpec {
  name: string;
  version: KubeVersion;
  /** Nodes in all: one control plane plus nodes-1 workers, as kind lays them out. Default 1. */
  nodes?: number;
  /** Feature gates for every component, validated per version. */
  featureGates?: Record<string, boolean>;
  /** A KubeletConfiguration patch (YAML), merged over kubeadm's defaults on every node. */
  kubeletConfigPatch?: string;
  /** YAML documents applied after start. */
  manifests?: string[];
}

export interface ClusterNode {
  name: string;
  internalIP: string;
  kubeletPort: number;
  role: 'control-plane' | 'worker';
}

export interface KubeletRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface KubeletResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Progress {
  stage: string;
  state: 'start' | 'done' | 'failed';
  detail?: string;
  elapsedMs?: number;
}

export type ProgressReporter = (p: Progress) => void;

export interface Cluster {
  readonly spec: ClusterSpec;
  readonly runtime: 'embedded' | 'kind';
  /** Release the cluster reports (/version gitVersion). */
  readonly gitVersion: string;
  /** Admin kubeconfig (kubernetes-admin, kubeadm:cluster-admins). */
  readonly kubeconfigPath: string;
  readonly server: string;
  readonly nodes: readonly ClusterNode[];
  /** A live call to a node's kubelet, from the host. */
  kubeletRequest(node: string, req: KubeletRequest): Promise<KubeletResponse>;
  delete(): Promise<void>;
}

export interface ClusterProvider {
  create(spec: ClusterSpec, progress?: ProgressReporter): Promise<Cluster>;
  list(): Promise<string[]>;
  delete(name: string): Promise<void>;
}

/** kind's node names for `count` nodes: NAME-control-plane, NAME-worker, NAME-worker2, ... */
export function nodeNames(clusterName: string, count: number): { name: string; role: ClusterNode['role'] }[] {
  const nodes: { name: string; role: ClusterNode['role'] }[] = [{ name: `${clusterName}-control-plane`, role: 'control-plane' }];
  for (let i = 1; i < count; i++) nodes.push({ name: `${clusterName}-worker${i === 1 ? '' : i}`, role: 'worker' });
  return nodes;
}

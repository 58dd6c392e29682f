// One running kind cluster behind the Cluster contract, plus what the web lab reads from a cluster:
// the kubelets' decision trail (from the API server's audit log) and the cluster's RBAC objects
// (a kubectl-watched copy). Deleting it deletes the kind cluster, its per-cluster network and its
// state folder.

import { rmSync } from 'node:fs';
import type { Cluster, ClusterNode, ClusterSpec, KubeletRequest, KubeletResponse } from '../provider.js';
import { VERSIONS } from '../versions.js';
import { ObjectStore } from '../embedded/apiserver/storage/store.js';
import { DecisionLog, type DecisionListener, type KubeletDecision } from '../embedded/kubelet/decisions/decision-log.js';
import type { CommandRunner } from './command-runner.js';
import { directKubeletCall, dockerExecKubeletCall, type KubeletRoute } from './kubelet-transport.js';

export interface KindClusterParts {
  spec: ClusterSpec;
  kindName: string;
  kubeconfigPath: string;
  server: string;
  nodes: ClusterNode[];
  network: string;
  route: KubeletRoute;
  /** The cluster's folder under the provider's state directory. */
  stateDir: string;
  store?: ObjectStore;
  decisions?: DecisionLog;
  /** Stops the audit follower and the RBAC watch. */
  stopLive?: () => void;
  /** Deletes the kind cluster and what belongs to it (network). */
  remove: () => Promise<void>;
  run: CommandRunner;
}

export class KindCluster implements Cluster {
  readonly runtime = 'kind' as const;
  readonly spec: ClusterSpec;
  readonly kindName: string;
  readonly gitVersion: string;
  readonly kubeconfigPath: string;
  readonly server: string;
  readonly nodes: readonly ClusterNode[];
  readonly network: string;
  readonly route: KubeletRoute;
  /** The cluster's RBAC objects (empty when no kubectl was given to watch them). */
  readonly store: ObjectStore;
  private readonly log: DecisionLog;
  private deleted: Promise<void> | undefined;

  constructor(private readonly parts: KindClusterParts) {
    this.spec = parts.spec;
    this.kindName = parts.kindName;
    this.gitVersion = VERSIONS[parts.spec.version].gitVersion;
    this.kubeconfigPath = parts.kubeconfigPath;
    this.server = parts.server;
    this.nodes = parts.nodes;
    this.network = parts.network;
    this.route = parts.route;
    this.store = parts.store ?? new ObjectStore();
    this.log = parts.decisions ?? new DecisionLog();
  }

  kubeletRequest(node: string, req: KubeletRequest): Promise<KubeletResponse> {
    const target = this.nodes.find((n) => n.name === node);
    if (!target) return Promise.reject(new Error(`cluster ${this.kindName} has no node named ${node}: its nodes are ${this.nodes.map((n) => n.name).join(', ')}`));
    return this.route === 'direct' ? directKubeletCall(target, req) : dockerExecKubeletCall(target, req, this.parts.run);
  }

  /** The kubelets' SubjectAccessReviews the audit log showed, oldest first. */
  decisions(): KubeletDecision[] {
    return this.log.entries();
  }

  onDecision(listener: DecisionListener): () => void {
    return this.log.subscribe(listener);
  }

  delete(): Promise<void> {
    this.deleted ??= (async () => {
      this.parts.stopLive?.();
      await this.parts.remove();
      rmSync(this.parts.stateDir, { recursive: true, force: true });
    })();
    return this.deleted;
  }
}

// The simulated container runtimes of one cluster, one per node, over the API server's objects
// with real ServiceAccount tokens mounted; and, across them, the container state a cluster
// snapshot keeps (what processes changed inside containers) and a signal when it changes.

import type { ClusterNode } from '../../../provider.js';
import type { VersionInfo } from '../../../versions.js';
import type { ServiceAccountTokens } from '../../apiserver/serviceaccount/tokens.js';
import type { ObjectStore } from '../../apiserver/storage/store.js';
import type { KubeletConfiguration } from '../kubelet-config.js';
import { objectsFromStore } from './cluster-objects.js';
import { SimulatedContainerRuntime, type ContainerState } from './runtime.js';
import { podTokenIssuer } from './token-issuer.js';

export interface ClusterRuntimesOptions {
  store: ObjectStore;
  tokens: ServiceAccountTokens;
  version: VersionInfo;
  /** The nodes' KubeletConfiguration (clusterDNS, clusterDomain) and effective kubelet gates. */
  config: KubeletConfiguration;
  gates: Readonly<Record<string, boolean>>;
  clock: () => Date;
}

/** The containers of one node that processes changed. */
export interface NodeContainerStates {
  node: string;
  containers: ContainerState[];
}

export class ClusterRuntimes {
  private readonly runtimes = new Map<string, SimulatedContainerRuntime>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly opts: ClusterRuntimesOptions,
    /** Container states from a snapshot, put back as each node's runtime starts. */
    private readonly restored: readonly NodeContainerStates[] = [],
  ) {}

  /** The node's runtime (made on first call): what ClusterKubelets takes as `runtime`. */
  forNode(node: ClusterNode): SimulatedContainerRuntime {
    let runtime = this.runtimes.get(node.name);
    if (runtime) return runtime;
    const objects = objectsFromStore(this.opts.store);
    runtime = new SimulatedContainerRuntime({
      nodeName: node.name,
      objects,
      issueToken: podTokenIssuer(this.opts.tokens, objects),
      extendWebSocketsToKubelet: this.opts.gates['ExtendWebSocketsToKubelet'] === true,
      kubeletVersion: this.opts.version.gitVersion,
      dns: { servers: (this.opts.config['clusterDNS'] as string[] | undefined) ?? [], domain: String(this.opts.config['clusterDomain'] ?? 'cluster.local') },
      clock: this.opts.clock,
    });
    runtime.restoreContainerStates(this.restored.find((s) => s.node === node.name)?.containers ?? []);
    runtime.onStateChange(() => {
      for (const listener of this.listeners) listener();
    });
    this.runtimes.set(node.name, runtime);
    return runtime;
  }

  /** Every node's changed containers (nodes without any are left out). */
  states(): NodeContainerStates[] {
    return [...this.runtimes].map(([node, runtime]) => ({ node, containers: runtime.containerStates() })).filter((s) => s.containers.length > 0);
  }

  /** Called after every change a process makes inside any container; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

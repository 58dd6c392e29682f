// The kubelets of one embedded cluster: one HTTPS server per node, all answering their webhook
// calls (TokenReview, SubjectAccessReview) from the cluster's API server and writing to one
// decision log.

import type { ClusterNode, KubeletRequest, KubeletResponse } from '../../provider.js';
import type { VersionInfo } from '../../versions.js';
import type { AssembledApiServer } from '../apiserver/assemble.js';
import { resourceKey, type ObjectStore } from '../apiserver/storage/store.js';
import { clusterAccessReviewer, clusterTokenReviewer } from './auth/cluster-reviews.js';
import type { ContainerRuntime } from './container-runtime.js';
import type { DecisionLog } from './decisions/decision-log.js';
import { callKubelet } from './kubelet-client.js';
import type { KubeletConfiguration } from './kubelet-config.js';
import { KubeletServer } from './kubelet-server.js';
import { NodePods } from './pods/node-pods.js';
import { objectsFromStore } from './containers/cluster-objects.js';
import { SimulatedContainerRuntime } from './containers/runtime.js';
import { podTokenIssuer } from './containers/token-issuer.js';

export interface ClusterKubeletsOptions {
  clusterName: string;
  version: VersionInfo;
  nodes: readonly ClusterNode[];
  config: KubeletConfiguration;
  gates: Readonly<Record<string, boolean>>;
  caPem: string;
  store: ObjectStore;
  apiserver: Pick<AssembledApiServer, 'authorizer' | 'tokens'>;
  /** The container runtime of each node; default: the simulated runtime over the cluster's store. */
  runtime?: (node: ClusterNode) => ContainerRuntime;
  decisions: DecisionLog;
  clock: () => Date;
}

function reportKubeletPort(store: ObjectStore, node: ClusterNode, port: number): void {
  node.kubeletPort = port;
  const stored = store.get(resourceKey('', 'nodes'), undefined, node.name);
  if (!stored) return;
  const status = (stored.status ?? {}) as Record<string, unknown>;
  store.update(resourceKey('', 'nodes'), { ...stored, status: { ...status, daemonEndpoints: { kubeletEndpoint: { Port: port } } } });
}

/** Each node's containers, simulated over the API server's objects, with real ServiceAccount tokens mounted. */
function simulatedRuntimes(opts: ClusterKubeletsOptions): (node: ClusterNode) => ContainerRuntime {
  const objects = objectsFromStore(opts.store);
  const issueToken = podTokenIssuer(opts.apiserver.tokens, objects);
  return (node) =>
    new SimulatedContainerRuntime({
      nodeName: node.name,
      objects,
      issueToken,
      extendWebSocketsToKubelet: opts.gates['ExtendWebSocketsToKubelet'] === true,
      kubeletVersion: opts.version.gitVersion,
      dns: { servers: (opts.config['clusterDNS'] as string[] | undefined) ?? [], domain: String(opts.config['clusterDomain'] ?? 'cluster.local') },
      clock: opts.clock,
    });
}

export class ClusterKubelets {
  private constructor(private readonly servers: ReadonlyMap<string, KubeletServer>) {}

  static async start(opts: ClusterKubeletsOptions): Promise<ClusterKubelets> {
    const reviewToken = clusterTokenReviewer(opts.apiserver.authorizer, opts.apiserver.tokens);
    const reviewAccess = clusterAccessReviewer(opts.apiserver.authorizer);
    const runtimeFor = opts.runtime ?? simulatedRuntimes(opts);
    const started = new Map<string, KubeletServer>();
    try {
      for (const node of opts.nodes) {
        const start = (at: ClusterNode) =>
          KubeletServer.start({
            clusterName: opts.clusterName,
            node: at,
            version: opts.version,
            config: opts.config,
            gates: opts.gates,
            clientCaPem: opts.caPem,
            pods: new NodePods(opts.store, node.name),
            runtime: runtimeFor(node),
            reviewToken,
            reviewAccess,
            decisions: opts.decisions,
            clock: opts.clock,
          });
        let server: KubeletServer;
        try {
          server = await start(node);
        } catch (e) {
          // Another process took the address since it was checked: take a free port and report
          // it in the Node status, as a kubelet does with daemonEndpoints.
          if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
          server = await start({ ...node, kubeletPort: 0 });
          reportKubeletPort(opts.store, node, server.address.port);
        }
        started.set(node.name, server);
      }
    } catch (e) {
      await Promise.all([...started.values()].map((s) => s.stop()));
      throw e;
    }
    return new ClusterKubelets(started);
  }

  /** The node's kubelet server, e.g. for its serving CA. */
  server(node: string): KubeletServer | undefined {
    return this.servers.get(node);
  }

  /** A live HTTPS call to the node's kubelet from the host. */
  request(node: string, req: KubeletRequest): Promise<KubeletResponse> {
    const server = this.servers.get(node);
    if (!server) return Promise.reject(new Error(`no node named "${node}" in this cluster: use one of ${[...this.servers.keys()].join(', ')}`));
    const { host, port } = server.address;
    return callKubelet(host, port, req);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.servers.values()].map((s) => s.stop()));
  }
}

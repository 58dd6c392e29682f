// Wires one API server from its parts: authorizer chain over the store, registry with per-kind
// strategies, reviews, tokens, node proxy, discovery/OpenAPI for the version, and controllers.

import type { VersionInfo } from '../../versions.js';
import type { KeyPairPem } from '../pki/index.js';
import { catalogFor } from './catalog/catalog.js';
import { ObjectStore, resourceKey } from './storage/store.js';
import { StoreRbacSource } from './authorization/store-rbac-source.js';
import { KubeApiserverAuthorizer } from './authorization/authorizer-chain.js';
import { ServiceAccountTokens } from './serviceaccount/tokens.js';
import type { SigningKey } from './serviceaccount/jwt.js';
import { GenericRegistry } from './registry/generic.js';
import { strategyFor, fieldSelectorsFor } from './registry/strategies/index.js';
import { ResourceHandler } from './resource-handler.js';
import { NonResourceHandler } from './non-resource-handler.js';
import { NodeProxy } from './node-proxy.js';
import { PodSubresources } from './pod-subresources/pod-subresources.js';
import { ApiServer, type RequestHandler } from './server.js';
import { runControllers } from './controllers/controller.js';
import { NamespaceController } from './controllers/namespace-controller.js';
import { ClusterRoleAggregationController } from './controllers/clusterrole-aggregation.js';
import { PodLifecycleController } from './controllers/pod-lifecycle-controller.js';
import { ReplicaSetController } from './controllers/replicaset-controller.js';
import { DeploymentController } from './controllers/deployment-controller.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { InternalClient } from './registry/internal-client.js';
import { discoveryFor } from './discovery/documents.js';
import { openApiFor } from './openapi/documents.js';
import { ServiceAccountIssuer } from './serviceaccount/issuer.js';

export interface ApiServerConfig {
  version: VersionInfo;
  featureGates: Record<string, boolean>;
  store: ObjectStore;
  signingKey: Promise<SigningKey>;
  /** The API server's own client certificate for kubelets (kube-apiserver-kubelet-client). */
  kubeletClient: KeyPairPem;
  caPem: string;
  clock: () => Date;
  /** The control-plane node's address, as /api advertises it (kind: <node IP>:6443). */
  advertiseAddress: string;
  /** kube-apiserver --anonymous-auth (kubeadm leaves the default: true). */
  anonymousAuth?: boolean;
}

export interface AssembledApiServer {
  server: ApiServer;
  authorizer: KubeApiserverAuthorizer;
  tokens: ServiceAccountTokens;
  stop(): void;
}

export function assembleApiServer(config: ApiServerConfig): AssembledApiServer {
  const { store, clock } = config;
  const catalog = catalogFor(config.version.version);
  const authorizer = new KubeApiserverAuthorizer(new StoreRbacSource(store), {
    authorizeNodeWithSelectors: config.version.authorizeNodeWithSelectors,
  });
  const tokens = new ServiceAccountTokens(config.signingKey, {
    serviceAccount: (ns, name) => store.get(resourceKey('', 'serviceaccounts'), ns, name),
    bound: (kind, ns, name) => store.get(resourceKey('', `${kind.toLowerCase()}s`), kind === 'Node' ? undefined : ns, name),
  }, clock);
  const registry = new GenericRegistry({ store, authorizer, strategyFor, fieldSelectorsFor, clock });
  const nodeProxy = new NodeProxy(store, config.kubeletClient);
  const resources = new ResourceHandler({
    catalog,
    registry,
    store,
    reviews: { authorizer, rules: authorizer, tokens },
    tokens,
    nodeProxy,
    pods: new PodSubresources({ store, nodes: nodeProxy, authorizer, featureGates: config.featureGates }),
    clock,
    watchList: config.featureGates['WatchList'] === true,
  });
  const nonResources = new NonResourceHandler({
    version: config.version,
    discovery: discoveryFor(catalog, { serverAddress: `${config.advertiseAddress}:6443` }),
    openapi: openApiFor(catalog),
    issuer: new ServiceAccountIssuer(tokens.issuer, config.signingKey),
  });
  const handler: RequestHandler = {
    resource: (scope, res) => resources.resource(scope, res),
    upgrade: (scope, socket, head) => resources.upgrade(scope, socket, head),
    nonResource: (scope, res) => nonResources.nonResource(scope, res),
  };
  const server = new ApiServer({
    authorizer,
    tokens,
    anonymousAuth: config.anonymousAuth ?? true,
    x509CredentialId: config.version.x509CredentialId,
    handler,
  });

  const namespaced = catalog.resources().filter((r) => r.namespaced && r.storage !== 'review').map((r) => resourceKey(r.group, r.plural));
  const pods = new PodLifecycleController(store, clock);
  const stored = catalog.resources().filter((r) => r.storage !== 'review' && r.version === catalog.preferred(r.group));
  // kind runs kube-controller-manager with --use-service-account-credentials: one identity per controller.
  const controllerClient = (name: string) =>
    new InternalClient({ registry, lookup: (g, v, p) => catalog.lookup(g, v, p) }, { username: `system:serviceaccount:kube-system:${name}`, groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] });
  const workloads = { store, clock, terminatingReplicas: config.featureGates['DeploymentReplicaSetTerminatingReplicas'] === true };
  const replicaSets = new ReplicaSetController({ ...workloads, client: controllerClient('replicaset-controller') });
  const deployments = new DeploymentController({ ...workloads, client: controllerClient('deployment-controller') });
  const stopControllers = runControllers(store, [
    new NamespaceController(store, config.caPem, () => namespaced),
    new ClusterRoleAggregationController(store),
    pods,
    deployments,
    replicaSets,
    new GarbageCollector({ store, client: controllerClient('generic-garbage-collector'), resources: () => stored }),
  ]);
  return {
    server,
    authorizer,
    tokens,
    stop() {
      stopControllers();
      pods.stop();
      deployments.stop();
      replicaSets.stop();
    },
  };
}

// The pod subresources the kubelet serves: pods/log (LogREST) and pods/exec, attach and
// portforward (ExecREST, AttachREST, PortForwardREST.Connect). kube-apiserver reaches the node's
// kubelet as kube-apiserver-kubelet-client; the kubelet then authorizes that identity.
//
// An exec/attach/portforward request, in Connect's order: its options (400), the extra `create`
// check of AuthorizePodWebsocketUpgradeCreatePermission (403), the pod (404), the container and
// the node (400), then one of three handlers:
//   - a WebSocket offering v5.channel.k8s.io (exec/attach, TranslateStreamCloseWebsocketRequests):
//     translated here to SPDY towards the kubelet (stream-translator.ts);
//   - a WebSocket offering SPDY/3.1+portforward.k8s.io (PortForwardWebsockets): tunnelled;
//   - anything else (SPDY, older WebSocket protocols): passed to the kubelet as it came.

import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { MAX_STREAM_MESSAGE_BYTES } from '../../spdy/frames.js';
import { WebSocketServer } from 'ws';
import { isWebSocketRequest, offeredSubprotocols } from '../../kubelet/containers/streaming/stream-request.js';
import { errorDialingBackend, type NodeProxy } from '../node-proxy.js';
import { authorizationAttributes, type RequestScope } from '../server.js';
import { badRequest, forbidden } from '../status.js';
import type { ObjectStore } from '../storage/store.js';
import type { Authorizer, UserInfo } from '../types.js';
import type { RequestInfo } from '../request-info.js';
import { findPod, requireNode, validateContainer } from './locate.js';
import { servePodLog } from './logs.js';
import { decodeStreamOptions, kubeletStreamTarget, type StreamOptions, type StreamSubresource } from './stream-options.js';
import { STREAM_CLOSE_PROTOCOL, translateStream, type KubeletStream } from './stream-translator.js';
import { tunnelledProtocols, tunnelPortForward } from './stream-tunnel.js';

export interface PodSubresourcesDeps {
  store: ObjectStore;
  nodes: NodeProxy;
  authorizer: Authorizer;
  /** The API server's effective feature gates (the cluster's --feature-gates over the release's defaults). */
  featureGates: Readonly<Record<string, boolean>>;
}

const STREAMS: ReadonlySet<string> = new Set<StreamSubresource>(['exec', 'attach', 'portforward']);

export class PodSubresources {
  // kubectl sends at most 32 KiB per message; ws would otherwise buffer up to 100 MiB of one peer's.
  private readonly webSockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_STREAM_MESSAGE_BYTES });

  constructor(private readonly deps: PodSubresourcesDeps) {}

  /** pods/log, exec, attach, portforward. */
  static serves(subresource: string): boolean {
    return subresource === 'log' || PodSubresources.streams(subresource);
  }

  /** exec, attach, portforward: the ones that upgrade. */
  static streams(subresource: string): boolean {
    return STREAMS.has(subresource);
  }

  /** A request without an upgrade: the log, or a stream that is refused once located. */
  async serve(info: RequestInfo, user: UserInfo, query: URLSearchParams, res: ServerResponse): Promise<void> {
    if (info.subresource === 'log') {
      await servePodLog(this.deps.store, this.deps.nodes, info.namespace, info.name, query, res);
      return;
    }
    this.locateStream(info, user, query);
    // UpgradeAwareHandler with upgradeRequired.
    throw badRequest('Upgrade request required');
  }

  /** An exec/attach/portforward upgrade (WebSocket or SPDY): translated, tunnelled or passed on. */
  async upgrade(scope: RequestScope, socket: Duplex, head: Buffer): Promise<void> {
    const { info, req } = scope;
    const { options, kubelet } = this.locateStream(info, scope.user, scope.query);
    const webSocket = isWebSocketRequest(req);
    if (info.subresource !== 'portforward' && webSocket && this.gate('TranslateStreamCloseWebsocketRequests') && offeredSubprotocols(req).includes(STREAM_CLOSE_PROTOCOL)) {
      translateStream(this.webSockets, req, socket, head, kubelet, options);
      return;
    }
    if (info.subresource === 'portforward' && webSocket && this.gate('PortForwardWebsockets') && tunnelledProtocols(req).length > 0) {
      await tunnelPortForward(this.webSockets, req, socket, head, kubelet);
      return;
    }
    await this.deps.nodes.pipeUpgrade(kubelet.address, kubelet.target, req, socket, head, errorDialingBackend);
  }

  private locateStream(info: RequestInfo, user: UserInfo, query: URLSearchParams): { options: StreamOptions; kubelet: KubeletStream } {
    const subresource = info.subresource as StreamSubresource;
    const options = decodeStreamOptions(subresource, query);
    this.authorizeCreate(info, user);
    const located = findPod(this.deps.store, info.namespace, info.name);
    const container = subresource === 'portforward' ? '' : validateContainer(located, options.container);
    const address = this.deps.nodes.kubeletAddress(requireNode(located));
    return {
      options,
      kubelet: {
        address,
        target: kubeletStreamTarget(subresource, info.namespace, info.name, container, options),
        connect: () => this.deps.nodes.connect(address),
      },
    };
  }

  /**
   * ensureAuthorizedForVerb(ctx, authorizer, "create") (pkg/registry/core/pod/rest/authorize.go,
   * k/k #134577): a GET (the WebSocket handshake) must also be allowed to create the subresource.
   * The filter's 403 names the user; this one only carries the authorizer's reason.
   */
  private authorizeCreate(info: RequestInfo, user: UserInfo): void {
    if (!this.gate('AuthorizePodWebsocketUpgradeCreatePermission') || info.verb === 'create') return;
    const decision = this.deps.authorizer.authorize({ ...authorizationAttributes(info, user), verb: 'create' });
    if (decision.decision !== 'allow') throw forbidden(info.apiGroup, info.resource, info.name, decision.reason);
  }

  private gate(name: string): boolean {
    return this.deps.featureGates[name] === true;
  }
}

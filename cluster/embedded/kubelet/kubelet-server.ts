// One node's kubelet on its HTTPS port (10250), in the order of pkg/kubelet/server/server.go:
//   Go's ServeMux (unregistered paths 404, subtree redirects 301: before any auth)
//   -> auth filter: authenticate (401) -> attributes for this version and gate state
//      -> SubjectAccessReviews in order, first allow wins (403 / 500)
//   -> go-restful's route errors or a disabled stub, else the endpoint's handler.
// The serving certificate is self-signed, as a kind kubelet makes it; a client certificate is
// optional and verified against the cluster CA only when one is presented. Every request lands in
// the cluster's decision log.

import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { ClusterNode } from '../../provider.js';
import type { VersionInfo } from '../../versions.js';
import type { Attributes, UserInfo } from '../apiserver/types.js';
import { createSelfSignedServing } from '../pki/index.js';
import { KUBELET_ATTRIBUTE_RULES, kubeletAuthorizationAttributes } from './attributes.js';
import { KubeletAuthenticator, isWebSocketRequest, type KubeletAuthentication, type PeerCertificate, type TokenReviewer } from './auth/authenticator.js';
import { KubeletAuthorizer, type AttributeReview, type SubjectAccessReviewer } from './auth/authorizer.js';
import type { ContainerRuntime, StreamKind } from './container-runtime.js';
import type { DecisionLog, DecisionOutcome, DecisionReview, KubeletDecision } from './decisions/decision-log.js';
import { kubeletAuthorizationErrorResponse, kubeletForbiddenResponse, kubeletUnauthorizedResponse } from './forbidden.js';
import { checkStreamRequest } from './handlers/container-endpoints.js';
import { ENDPOINT_HANDLERS } from './handlers/endpoint-table.js';
import { RequestCounters } from './handlers/request-counters.js';
import { restfulError, type HandlerRequest, type KubeletContext, type KubeletReply } from './handlers/types.js';
import { parseGoDuration } from './go-duration.js';
import type { KubeletConfiguration } from './kubelet-config.js';
import { goNotFound } from './plain-response.js';
import type { NodePods } from './pods/node-pods.js';
import { kubeletRouteConfig, routeKubeletRequest, type EndpointParams, type KubeletRoute, type KubeletRouteConfig, type RegisteredRoute } from './routes.js';
import { writeRawReply, writeReply } from './server/http-writer.js';
import { goBadRequest, goVersionNotSupported } from '../go-net-http.js';
import { parseRequestTarget } from './server/request-target.js';
import { LazyAbort, type AbortSource } from './server/lazy-abort.js';
import { TargetCache } from './server/target-cache.js';

const ROUTE_CACHE_ENTRIES = 4096;
type Authentication = NonNullable<KubeletDecision['authentication']>;
const ATTRIBUTE_TARGETS_PER_USER = 256;
const STREAM_ENDPOINTS: ReadonlySet<string> = new Set<StreamKind>(['exec', 'attach', 'portForward']);

export interface KubeletServerOptions {
  clusterName: string;
  node: ClusterNode;
  version: VersionInfo;
  /** The node's effective KubeletConfiguration and feature gates. */
  config: KubeletConfiguration;
  gates: Readonly<Record<string, boolean>>;
  /** authentication.x509.clientCAFile: the cluster CA. */
  clientCaPem: string;
  pods: NodePods;
  runtime: ContainerRuntime;
  reviewToken: TokenReviewer;
  reviewAccess: SubjectAccessReviewer;
  decisions: DecisionLog;
  clock: () => Date;
}

/** One request on its way through the kubelet, whichever way Node delivered it. */
interface Exchange {
  req: IncomingMessage;
  /** Present for ordinary requests; absent when Node detached the socket (upgrade). */
  res?: ServerResponse;
  socket?: Duplex;
  head?: Buffer;
  /** Aborted when the client goes away early (or the kubelet stops). */
  abort: AbortSource;
}

interface Verdict {
  reply?: KubeletReply;
  /** The upgrade went to the container runtime; this is the status it answered the handshake with (0: none). */
  streamStatus?: number;
  outcome: DecisionOutcome;
  endpoint?: string;
  authentication?: KubeletDecision['authentication'];
  reviews: DecisionReview[];
}

function durationMs(text: string, what: string): number {
  const parsed = parseGoDuration(text);
  if (!parsed.ok) throw new Error(`kubelet ${what} ${JSON.stringify(text)}: ${parsed.message}`);
  return Number(parsed.nanoseconds / 1_000_000n);
}

export class KubeletServer {
  private readonly authenticator: KubeletAuthenticator;
  private readonly authorizer: KubeletAuthorizer;
  private readonly routes: KubeletRouteConfig;
  private readonly context: KubeletContext;
  private readonly peers = new WeakMap<TLSSocket, PeerCertificate | null>();
  private readonly detached = new Set<Duplex>();
  private readonly inFlight = new Set<LazyAbort>();
  private readonly stopping = new AbortController();
  /** Routing is pure and the same few targets come again and again (probes, scrapers). */
  private readonly routeCache = new TargetCache<KubeletRoute>(ROUTE_CACHE_ENTRIES);
  private readonly attributesByUser = new WeakMap<UserInfo, TargetCache<readonly Attributes[]>>();
  /** Log descriptions of recurring users and cached reviews, frozen so the decision file serializes each once. */
  private readonly userDescriptions = new WeakMap<UserInfo, Map<string, Authentication>>();
  private readonly frozenReviewDescriptions = new WeakMap<AttributeReview, DecisionReview[]>();
  private lastIso: { ms: number; iso: string } | undefined;

  private constructor(
    private readonly opts: KubeletServerOptions,
    private readonly server: Server,
    /** The self-signed CA of the serving certificate: what a client that verifies the kubelet trusts. */
    readonly servingCaPem: string,
  ) {
    const { config } = opts;
    const now = () => opts.clock().getTime();
    this.authenticator = new KubeletAuthenticator(
      {
        anonymous: config.authentication.anonymous.enabled,
        x509: Boolean(config.authentication.x509.clientCAFile),
        webhook: { enabled: config.authentication.webhook.enabled, cacheTTLms: durationMs(config.authentication.webhook.cacheTTL, 'authentication.webhook.cacheTTL') },
        x509CredentialId: opts.version.x509CredentialId,
      },
      opts.reviewToken,
      now,
    );
    this.authorizer = new KubeletAuthorizer(
      {
        mode: config.authorization.mode === 'AlwaysAllow' ? 'AlwaysAllow' : 'Webhook',
        authorizedTTLms: durationMs(config.authorization.webhook.cacheAuthorizedTTL, 'authorization.webhook.cacheAuthorizedTTL'),
        unauthorizedTTLms: durationMs(config.authorization.webhook.cacheUnauthorizedTTL, 'authorization.webhook.cacheUnauthorizedTTL'),
      },
      opts.reviewAccess,
      now,
    );
    this.routes = kubeletRouteConfig(opts.version.version, config, opts.gates);
    this.context = {
      clusterName: opts.clusterName,
      node: opts.node,
      version: opts.version,
      config,
      gates: opts.gates,
      routes: this.routes,
      pods: opts.pods,
      runtime: opts.runtime,
      clock: opts.clock,
      startedAt: opts.clock(),
      counters: new RequestCounters(),
      verbosity: { value: 0 },
    };
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    server.on('connect', (_req: IncomingMessage, socket: Duplex) => writeRawReply(socket, goNotFound(), 'CONNECT'));
    server.on('clientError', (_err: Error, socket: Duplex) => {
      if (socket.writable) socket.end(goBadRequest(undefined));
      else socket.destroy();
    });
    server.on('tlsClientError', () => {}); // a client that gives up mid-handshake is not the kubelet's failure
  }

  static async start(opts: KubeletServerOptions): Promise<KubeletServer> {
    // client-go's GenerateSelfSignedCertKey(hostname): what a kubelet without a serving certificate makes.
    const serving = createSelfSignedServing({ hostname: opts.node.name });
    const server = createServer({
      cert: serving.certPem,
      key: serving.keyPem,
      ca: opts.clientCaPem,
      requestCert: true,
      rejectUnauthorized: false, // a missing or foreign client certificate is the authenticator's call
      minVersion: 'TLSv1.2',
      keepAliveTimeout: 60_000,
    });
    const kubelet = new KubeletServer(opts, server, serving.caPem);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.node.kubeletPort, opts.node.internalIP, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return kubelet;
  }

  get address(): { host: string; port: number } {
    const a = this.server.address() as AddressInfo;
    return { host: a.address, port: a.port };
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    for (const controller of this.inFlight) controller.abort();
    for (const socket of this.detached) socket.destroy();
    this.opts.runtime.close?.();
    await new Promise<void>((done) => {
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    void this.handle({ req, res, abort: new LazyAbort((abort) => this.abortWhenCutShort(res, abort)) });
  }

  /**
   * Only a request whose handler took its signal (followed logs, a CPU profile) needs telling
   * when the client leaves or the kubelet stops: watch its response from then on.
   */
  private abortWhenCutShort(res: ServerResponse, abort: LazyAbort): void {
    const closed = () => {
      this.inFlight.delete(abort);
      // Only a response cut short (or left open, like followed logs) has anyone to tell.
      if (!res.writableFinished || !res.writableEnded) abort.abort();
    };
    if (res.closed) return closed();
    this.inFlight.add(abort);
    res.once('close', closed);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.detached.add(socket);
    socket.on('close', () => this.detached.delete(socket));
    socket.on('error', () => socket.destroy());
    void this.handle({ req, socket, head, abort: this.stopping });
  }

  private async handle(x: Exchange): Promise<void> {
    const started = performance.now();
    const method = x.req.method ?? 'GET';
    const target = parseRequestTarget(x.req.url ?? '/');
    if (target.kind === 'malformed' || x.req.httpVersionMajor !== 1) {
      (x.res?.socket ?? x.socket)?.end(target.kind === 'malformed' ? goBadRequest(method) : goVersionNotSupported(method));
      return;
    }
    const path = target.kind === 'asterisk' ? '*' : target.path;
    const rawQuery = target.kind === 'path' ? target.rawQuery : '';
    this.context.counters.observe(method, path);
    let verdict: Verdict;
    try {
      verdict = target.kind === 'asterisk'
        ? { reply: { status: 400, headers: { Connection: 'close' }, body: '' }, outcome: 'routed-before-auth', reviews: [] }
        : await this.decide(x, method, path, rawQuery);
    } catch (e) {
      // A bug of ours must look like a failing kubelet, not kill the cluster.
      verdict = { reply: restfulError(500, `Internal Server Error: ${(e as Error).message}`), outcome: 'authorized', reviews: [] };
    }
    if (verdict.reply) {
      if (x.res) writeReply(x.res, verdict.reply, x.abort);
      else if (x.socket) writeRawReply(x.socket, verdict.reply, method);
    }
    this.record(x, method, path, rawQuery, verdict, performance.now() - started);
  }

  private async decide(x: Exchange, method: string, path: string, rawQuery: string): Promise<Verdict> {
    // A decoded "?" must not be taken for the start of the query by the router.
    const routedPath = path.includes('?') ? path.replace(/\?/g, '%3F') : path;
    const route = this.route(method, rawQuery ? `${routedPath}?${rawQuery}` : routedPath);
    if (route.kind !== 'registered') return { reply: route.response, outcome: 'routed-before-auth', reviews: [] };

    const authn = await this.authenticator.authenticate(x.req.headers, this.peerCertificate(x.req));
    const authentication = this.describeAuthentication(authn);
    if (!authn.ok) return { reply: kubeletUnauthorizedResponse(), outcome: 'unauthenticated', endpoint: route.endpoint, authentication, reviews: [] };
    if (authn.remainingProtocols !== undefined) setHeader(x.req, 'Sec-WebSocket-Protocol', authn.remainingProtocols);

    const attributes = this.attributesFor(method, path, authn.user);
    if (attributes.length === 0) {
      return { reply: restfulError(403, 'Authorization error: could not determine attributes for request'), outcome: 'forbidden', endpoint: route.endpoint, authentication, reviews: [] };
    }
    const authz = this.authorizer.authorize(attributes);
    const reviews = this.describeReviews(authz.reviews);
    const { endpoint } = route;
    if (authz.kind === 'error') return { reply: kubeletAuthorizationErrorResponse(authz.failed), outcome: 'authorization-error', endpoint, authentication, reviews };
    if (authz.kind === 'denied') {
      return { reply: kubeletForbiddenResponse(this.opts.version.version, attributes as [Attributes, ...Attributes[]]), outcome: 'forbidden', endpoint, authentication, reviews };
    }

    // Authorized: go-restful's route error or a disabled stub answers before any handler.
    const answered = route.restfulError ?? route.disabledStub;
    const served = answered ? { reply: answered } : await this.serve(x, method, path, rawQuery, route);
    return { ...served, outcome: 'authorized', endpoint, authentication, reviews };
  }

  private async serve(x: Exchange, method: string, path: string, rawQuery: string, route: RegisteredRoute): Promise<{ reply: KubeletReply } | { streamStatus: number }> {
    const request = new ExchangeRequest(x, method, path, rawQuery, route.params);
    if (STREAM_ENDPOINTS.has(route.endpoint)) {
      const kind = route.endpoint as StreamKind;
      const check = checkStreamRequest(kind, request, this.context, x.socket !== undefined, isWebSocketRequest(x.req.headers));
      if (check.kind === 'reply') return { reply: check.reply };
      const answered = firstStatusWritten(x.socket!);
      this.opts.runtime.handleStream(kind, x.req, x.socket!, x.head ?? Buffer.alloc(0), check.target, request.query);
      return { streamStatus: await answered };
    }
    const handler = ENDPOINT_HANDLERS[route.endpoint];
    return { reply: handler ? await handler(request, this.context) : goNotFound() };
  }

  private route(method: string, target: string): KubeletRoute {
    let route = this.routeCache.get(method, target);
    if (!route) {
      route = routeKubeletRequest(method, target, this.routes);
      this.routeCache.set(method, target, route);
    }
    return route;
  }

  /**
   * The attributes of a request, kept per user object and target: a user authenticated from the
   * token cache or a connection's certificate is the same object each time, so its requests reuse
   * the same (frozen) attributes, and the authorizer's cache keys with them.
   */
  private attributesFor(method: string, path: string, user: UserInfo): readonly Attributes[] {
    let byTarget = this.attributesByUser.get(user);
    if (!byTarget) {
      byTarget = new TargetCache(ATTRIBUTE_TARGETS_PER_USER);
      this.attributesByUser.set(user, byTarget);
    }
    let attributes = byTarget.get(method, path);
    if (!attributes) {
      attributes = Object.freeze(
        kubeletAuthorizationAttributes(method, path, {
          nodeName: this.opts.node.name,
          fineGrained: this.opts.gates['KubeletFineGrainedAuthz'] === true,
          table: KUBELET_ATTRIBUTE_RULES[this.opts.version.version],
        }, user).map((a) => Object.freeze(a)),
      );
      byTarget.set(method, path, attributes);
    }
    return attributes;
  }

  /** The client certificate of the connection, read once per TLS socket. */
  private peerCertificate(req: IncomingMessage): PeerCertificate | undefined {
    const socket = req.socket as TLSSocket;
    const known = this.peers.get(socket);
    if (known !== undefined) return known ?? undefined;
    const certificate = typeof socket.getPeerX509Certificate === 'function' ? socket.getPeerX509Certificate() : undefined;
    const peer: PeerCertificate | null = certificate
      ? { certificate, verified: socket.authorized, ...(socket.authorizationError ? { verifyError: String(socket.authorizationError) } : {}) }
      : null;
    this.peers.set(socket, peer);
    return peer ?? undefined;
  }

  /** RFC 3339 of an epoch-ms time; requests in the same ms and cached answers' shared expiry reuse the last one. */
  private isoTime(ms: number): string {
    if (this.lastIso?.ms !== ms) this.lastIso = { ms, iso: new Date(ms).toISOString() };
    return this.lastIso.iso;
  }

  /** What the log says of who asked; one frozen description per recurring user and way of authenticating. */
  private describeAuthentication(authn: KubeletAuthentication): Authentication {
    if (!authn.ok) return authn.errors.length ? { errors: authn.errors } : {};
    let byWay = this.userDescriptions.get(authn.user);
    if (!byWay) {
      byWay = new Map();
      this.userDescriptions.set(authn.user, byWay);
    }
    const way = authn.cached ? authn.method : `${authn.method} reviewed`;
    let described = byWay.get(way);
    if (!described) {
      described = Object.freeze({ method: authn.method, user: authn.user.username, groups: authn.user.groups, cached: authn.cached });
      byWay.set(way, described);
    }
    return described;
  }

  /**
   * The reviews as the log tells them. Most requests are one allow from the cache, a frozen
   * review: that is described once, as a frozen list of one, and shared (the log never changes
   * an entry once recorded).
   */
  private describeReviews(reviews: readonly AttributeReview[]): DecisionReview[] {
    if (reviews.length === 1 && Object.isFrozen(reviews[0])) return this.describeFrozenReview(reviews[0]!);
    return reviews.map((r) => (Object.isFrozen(r) ? this.describeFrozenReview(r)[0]! : this.describeReview(r)));
  }

  private describeFrozenReview(r: AttributeReview): DecisionReview[] {
    let described = this.frozenReviewDescriptions.get(r);
    if (!described) {
      described = Object.freeze([Object.freeze(this.describeReview(r))]) as DecisionReview[];
      this.frozenReviewDescriptions.set(r, described);
    }
    return described;
  }

  private describeReview(r: AttributeReview): DecisionReview {
    const review: DecisionReview = {
      verb: r.attributes.verb,
      resource: r.attributes.resource ?? '',
      subresource: r.attributes.subresource ?? '',
      name: r.attributes.name ?? '',
      decision: r.result.decision,
      reason: r.result.reason,
      cached: r.cached,
    };
    if (r.cachedUntil !== undefined) review.cachedUntil = this.isoTime(r.cachedUntil);
    if (r.liveDecision !== undefined) review.liveDecision = r.liveDecision;
    if (r.explanation) review.explanation = r.explanation;
    return review;
  }

  private record(x: Exchange, method: string, path: string, rawQuery: string, verdict: Verdict, elapsed: number): void {
    const entry: KubeletDecision = {
      seq: 0, // numbered by the log
      time: this.isoTime(this.opts.clock().getTime()),
      node: this.opts.node.name,
      method,
      path,
      remoteAddress: x.req.socket.remoteAddress ?? '',
      upgrade: x.socket !== undefined,
      reviews: verdict.reviews,
      outcome: verdict.outcome,
      status: verdict.streamStatus ?? verdict.reply?.status ?? 500,
      durationMs: Math.round(elapsed * 1000) / 1000,
    };
    if (rawQuery) entry.query = rawQuery;
    if (verdict.endpoint) entry.endpoint = verdict.endpoint;
    if (verdict.authentication) entry.authentication = verdict.authentication;
    this.opts.decisions.record(entry);
  }
}

/** What a handler sees of an exchange; the query, body and signal are made only when a handler asks. */
class ExchangeRequest implements HandlerRequest {
  private parsedQuery: URLSearchParams | undefined;

  constructor(
    private readonly x: Exchange,
    readonly method: string,
    readonly path: string,
    private readonly rawQuery: string,
    readonly params: EndpointParams,
  ) {}

  get headers(): IncomingHttpHeaders {
    return this.x.req.headers;
  }

  get query(): URLSearchParams {
    return (this.parsedQuery ??= new URLSearchParams(this.rawQuery));
  }

  get signal(): AbortSignal {
    return this.x.abort.signal;
  }

  body(): Promise<Buffer> {
    return readBody(this.x.req);
  }
}

/** The status line of the first response written on a detached socket (0 if it closes first). */
function firstStatusWritten(socket: Duplex): Promise<number> {
  return new Promise((resolve) => {
    const { write, end } = socket;
    const restore = () => Object.assign(socket, { write, end });
    const seen = (chunk: unknown) => {
      restore();
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(String(chunk ?? '').slice(0, 16))?.[1] ?? 0));
    };
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      seen(chunk);
      return (write as (...a: unknown[]) => boolean).call(socket, chunk, ...rest);
    }) as Duplex['write'];
    socket.end = ((chunk?: unknown, ...rest: unknown[]) => {
      seen(chunk);
      return (end as (...a: unknown[]) => Duplex).call(socket, chunk, ...rest);
    }) as Duplex['end'];
    socket.once('close', () => {
      restore();
      resolve(0);
    });
  });
}

/** req.Header.Set: one line with this value, in both of Node's views of the headers. */
function setHeader(req: IncomingMessage, name: string, value: string): void {
  const lower = name.toLowerCase();
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() !== lower) raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  raw.push(name, value);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  req.headers[lower] = value;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}


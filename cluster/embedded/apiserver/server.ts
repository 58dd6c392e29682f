// The emulated kube-apiserver's handler chain, in upstream order: request info → authentication →
// impersonation → authorization → (admission inside the registry) → storage → response.
// Each concern lives in its own module; this file only wires them.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Attributes, Authorizer, UserInfo } from './types.js';
import { resolveRequestInfo, type RequestInfo } from './request-info.js';
import { parseRequestTarget, type RequestTarget } from './request-target.js';
import { goBadRequest } from '../go-net-http.js';
import { authenticateRequest } from './filters/authentication.js';
import { impersonate } from './filters/impersonation.js';
import { ApiError } from './status.js';
import { forbiddenError } from './authorization/forbidden-message.js';
import { sendError } from './respond.js';
import type { ServiceAccountTokens } from './serviceaccount/tokens.js';

/** Everything that serves a request once it is authenticated and authorized. */
export interface RequestHandler {
  /** Non-resource paths (/version, discovery, /openapi, /healthz...). */
  nonResource(scope: RequestScope, res: ServerResponse): Promise<void>;
  /** /api/... and /apis/... resource requests. */
  resource(scope: RequestScope, res: ServerResponse): Promise<void>;
  /** WebSocket/SPDY upgrades of resource requests (node proxy, pods/exec). */
  upgrade(scope: RequestScope, socket: Duplex, head: Buffer): Promise<void>;
}

export interface RequestScope {
  req: IncomingMessage;
  info: RequestInfo;
  query: URLSearchParams;
  /** The identity the request runs as (after impersonation). */
  user: UserInfo;
}

export interface ApiServerOptions {
  authorizer: Authorizer;
  tokens: ServiceAccountTokens;
  anonymousAuth: boolean;
  x509CredentialId: boolean;
  handler: RequestHandler;
}

export class ApiServer {
  constructor(private readonly opts: ApiServerOptions) {}

  /** The `request` listener of the HTTPS server. Never throws: every failure is a Status. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const target = parseRequestTarget(req.url ?? '/');
    if (!target) {
      res.socket?.end(goBadRequest(req.method));
      return;
    }
    this.serve(req, target, res).catch((err: unknown) => sendError(res, err));
  };

  /** The `upgrade` listener: the same chain, then the handler takes the socket. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const target = parseRequestTarget(req.url ?? '/');
    if (!target) {
      socket.end(goBadRequest(req.method));
      return;
    }
    this.filter(req, target)
      .then((scope) => this.opts.handler.upgrade(scope, socket, head))
      .catch((err: unknown) => writeUpgradeError(socket, err));
  };

  private async serve(req: IncomingMessage, target: RequestTarget, res: ServerResponse): Promise<void> {
    const scope = await this.filter(req, target);
    if (scope.info.isResourceRequest) await this.opts.handler.resource(scope, res);
    else await this.opts.handler.nonResource(scope, res);
  }

  /** Runs the filters; returns the request scope or throws the ApiError to answer with. */
  private async filter(req: IncomingMessage, target: RequestTarget): Promise<RequestScope> {
    const info = resolveRequestInfo(req.method ?? 'GET', target.pathname, target.query);
    const authenticated = await authenticateRequest(req, {
      tokens: this.opts.tokens,
      anonymous: this.opts.anonymousAuth,
      x509CredentialId: this.opts.x509CredentialId,
    });
    const user = impersonate(req, authenticated, this.opts.authorizer);
    const attrs = authorizationAttributes(info, user);
    const decision = this.opts.authorizer.authorize(attrs);
    if (decision.decision !== 'allow') throw forbiddenError(attrs, decision.reason);
    return { req, info, query: target.query, user };
  }
}

export function authorizationAttributes(info: RequestInfo, user: UserInfo): Attributes {
  if (!info.isResourceRequest) return { user, verb: info.verb, resourceRequest: false, path: info.path };
  return {
    user,
    verb: info.verb,
    resourceRequest: true,
    namespace: info.namespace,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    name: info.name,
  };
}


function writeUpgradeError(socket: Duplex, err: unknown): void {
  const apiError = err instanceof ApiError ? err : new ApiError(500, 'InternalError', String(err));
  const body = JSON.stringify(apiError.toStatus());
  if (!socket.writable) return;
  socket.end(
    `HTTP/1.1 ${apiError.code} ${statusText(apiError.code)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function statusText(code: number): string {
  return { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[code] ?? 'Error';
}

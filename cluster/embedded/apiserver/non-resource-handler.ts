// Non-resource paths: /version, health checks, discovery, OpenAPI and the service-account issuer
// documents. Discovery and OpenAPI bytes are built once per catalog and served as they are.

import type { ServerResponse } from 'node:http';
import type { VersionInfo } from '../../versions.js';
import type { RequestScope } from './server.js';
import { notFoundPath } from './status.js';
import { sendBytes, sendJson, sendText } from './respond.js';
import type { DiscoveryDocuments } from './discovery/documents.js';
import type { OpenApiDocuments } from './openapi/documents.js';

export interface NonResourceDeps {
  version: VersionInfo;
  discovery: DiscoveryDocuments;
  openapi: OpenApiDocuments;
  issuer: { openidConfiguration(): unknown; jwks(): Promise<unknown> };
}

const HEALTH_CHECKS: Record<string, string[]> = {
  '/healthz': ['ping', 'log', 'etcd', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/rbac/bootstrap-roles'],
  '/livez': ['ping', 'log', 'etcd', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/rbac/bootstrap-roles'],
  '/readyz': ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/rbac/bootstrap-roles', 'shutdown'],
};

export class NonResourceHandler {
  constructor(private readonly deps: NonResourceDeps) {}

  async nonResource(scope: RequestScope, res: ServerResponse): Promise<void> {
    const path = scope.info.path;
    if (scope.req.method !== 'GET' && scope.req.method !== 'HEAD') throw notFoundPath();
    if (path === '/version' || path === '/version/') {
      sendJson(res, 200, versionDocument(this.deps.version));
      return;
    }
    const health = healthResponse(path, scope.query);
    if (health) {
      sendText(res, 200, health);
      return;
    }
    if (path === '/.well-known/openid-configuration') {
      sendJson(res, 200, this.deps.issuer.openidConfiguration());
      return;
    }
    if (path === '/openid/v1/jwks') {
      sendJson(res, 200, await this.deps.issuer.jwks(), 'application/jwk-set+json');
      return;
    }
    const discovery = this.deps.discovery.serve(path, scope.req.headers.accept);
    if (discovery) {
      sendBytes(res, 200, discovery.body, discovery.contentType, discovery.etag ? { ETag: discovery.etag } : {});
      return;
    }
    const openapi = this.deps.openapi.serve(path, scope.query, scope.req.headers.accept);
    if (openapi?.status === 301) {
      res.writeHead(301, { Location: openapi.location });
      res.end();
      return;
    }
    if (openapi) {
      sendBytes(res, 200, openapi.body, openapi.contentType, {
        ETag: openapi.etag,
        'Cache-Control': openapi.immutable ? 'public, immutable' : 'no-cache, private',
      });
      return;
    }
    throw notFoundPath();
  }
}

export function versionDocument(v: VersionInfo): Record<string, string> {
  const [major, minor] = v.gitVersion.replace(/^v/, '').split('.') as [string, string];
  const doc: Record<string, string> = {
    major,
    minor,
  };
  if (v.emulationVersionFields) {
    doc.emulationMajor = major;
    doc.emulationMinor = minor;
    doc.minCompatibilityMajor = major;
    doc.minCompatibilityMinor = String(Number(minor) - 1);
  }
  Object.assign(doc, {
    gitVersion: v.gitVersion,
    gitCommit: v.gitCommit,
    gitTreeState: 'clean',
    buildDate: v.buildDate,
    goVersion: v.goVersion,
    compiler: 'gc',
    platform: 'linux/amd64',
  });
  return doc;
}

/** `ok`, or the verbose check list for ?verbose; undefined when the path is not a health check. */
function healthResponse(path: string, query: URLSearchParams): string | undefined {
  for (const [root, checks] of Object.entries(HEALTH_CHECKS)) {
    if (path === root) {
      if (!query.has('verbose')) return 'ok';
      return checks.map((c) => `[+]${c} ok`).join('\n') + `\n${root.slice(1)} check passed\n`;
    }
    const check = path.startsWith(root + '/') ? path.slice(root.length + 1) : undefined;
    if (check && checks.includes(check)) return 'ok';
  }
  return undefined;
}

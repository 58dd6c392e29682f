// Test support: a tiny HTTP server that answers real kubectl with this folder's discovery and
// OpenAPI documents, plus the few object requests `kubectl apply/create -f` make. It records
// every request so tests can assert what kubectl sent.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeVersion } from '../../../../versions.js';
import { catalogFor } from '../../catalog/catalog.js';
import { discoveryFor } from '../../discovery/documents.js';
import { ApiError } from '../../status.js';
import { openApiFor } from '../documents.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  accept: string | undefined;
  body: string;
}

export interface FakeApiServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeApiServerOptions {
  /** When false, /api and /apis answer legacy JSON whatever kubectl asks for. */
  aggregatedDiscovery: boolean;
}

/** Namespaces the fake server reports as existing. */
const NAMESPACES = new Set(['default', 'dev']);

export async function startFakeApiServer(version: KubeVersion, options: FakeApiServerOptions): Promise<FakeApiServer> {
  const catalog = catalogFor(version);
  const openapi = openApiFor(catalog);
  const requests: RecordedRequest[] = [];
  let discovery = discoveryFor(catalog);
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => sendStatus(res, err instanceof ApiError ? err : new ApiError(500, 'InternalError', String(err))));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    const recorded = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, accept: req.headers.accept, body };
    requests.push(recorded);
    const accept = options.aggregatedDiscovery ? req.headers.accept : 'application/json';
    const doc = discovery.serve(url.pathname, accept);
    if (doc) {
      res.writeHead(200, { 'Content-Type': doc.contentType, ...(doc.etag && { ETag: doc.etag }) });
      res.end(doc.body);
      return;
    }
    const spec = openapi.serve(url.pathname, url.searchParams, req.headers.accept);
    if (spec?.status === 301) {
      res.writeHead(301, { Location: spec.location });
      res.end();
      return;
    }
    if (spec) {
      res.writeHead(200, { 'Content-Type': spec.contentType, ETag: spec.etag });
      res.end(spec.body);
      return;
    }
    answerObjectRequest(recorded, res);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  discovery = discoveryFor(catalog, { serverAddress: `127.0.0.1:${port}` });
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** GET of a known namespace → the Namespace; POST → the object back, as created; else 404. */
function answerObjectRequest(req: RecordedRequest, res: ServerResponse): void {
  const namespace = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(req.path)?.[1];
  if (req.method === 'GET' && namespace && NAMESPACES.has(namespace)) {
    sendJson(res, 200, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: namespace }, status: { phase: 'Active' } });
    return;
  }
  if (req.method === 'POST' && req.body) {
    const object = JSON.parse(req.body) as { metadata?: Record<string, unknown> };
    sendJson(res, 201, { ...object, metadata: { ...object.metadata, uid: 'uid-1', resourceVersion: '1' } });
    return;
  }
  sendStatus(res, new ApiError(404, 'NotFound', 'the server could not find the requested resource'));
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

function sendStatus(res: ServerResponse, err: ApiError): void {
  sendJson(res, err.code, err.toStatus());
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export const KUBECTL_DIR = '/usr/lib/google-cloud-sdk/bin';

/** The kubectl client minors installed on this machine, among those the lab supports. */
export function installedKubectls(): { minor: string; path: string }[] {
  return ['1.31', '1.32', '1.33']
    .map((minor) => ({ minor, path: join(KUBECTL_DIR, `kubectl.${minor}`) }))
    .filter((k) => existsSync(k.path));
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kubectl against the server with an empty kubeconfig and a fresh discovery cache, so
 * every run exercises discovery. `files` are written to a scratch directory first; their names
 * can be used in args.
 */
export async function runKubectl(
  binary: string,
  serverUrl: string,
  args: string[],
  files: Record<string, string> = {},
): Promise<KubectlResult> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-kubectl-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, '');
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const fullArgs = [...args, `--server=${serverUrl}`, `--kubeconfig=${kubeconfig}`, `--cache-dir=${join(dir, 'cache')}`];
    return await new Promise((resolve) => {
      execFile(binary, fullArgs, { cwd: dir, env: { HOME: dir, PATH: process.env.PATH ?? '' }, timeout: 30_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

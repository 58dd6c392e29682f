// A throwaway HTTP API server for driving the real kubectl in tests: legacy discovery, a recorder
// for every write, and answers in whichever format kubectl asked for (protobuf via our encoder).

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROTOBUF_CONTENT_TYPE, decodeKubernetesProtobuf, encodeKubernetesProtobuf } from '../codec.js';

export interface RecordedWrite {
  method: string;
  url: string;
  contentType: string;
  accept: string;
  body: Buffer;
  /** Set when the body could not be decoded; the server then answered 400. */
  decodeError?: string;
}

export interface FakeApiServer {
  url: string;
  /** Writes (non-GET requests) since the last reset. */
  writes: RecordedWrite[];
  /** GETs of objects (not discovery) since the last reset, with the content type answered. */
  reads: { url: string; accept: string; answeredWith: string }[];
  reset(): void;
  close(): Promise<void>;
}

/** What the server adds to a written object before answering: uid, timestamps, review results. */
export type Responder = (object: Record<string, unknown>) => Record<string, unknown>;

/** Objects served on GET, by path. */
export type Objects = Record<string, Record<string, unknown>>;

type Resource = [plural: string, namespaced: boolean, kind: string];

const GROUPS: Record<string, Resource[]> = {
  v1: [
    ['namespaces', false, 'Namespace'],
    ['nodes', false, 'Node'],
    ['pods', true, 'Pod'],
    ['serviceaccounts', true, 'ServiceAccount'],
    ['secrets', true, 'Secret'],
    ['configmaps', true, 'ConfigMap'],
    ['services', true, 'Service'],
    ['resourcequotas', true, 'ResourceQuota'],
  ],
  'rbac.authorization.k8s.io/v1': [
    ['clusterroles', false, 'ClusterRole'],
    ['clusterrolebindings', false, 'ClusterRoleBinding'],
    ['roles', true, 'Role'],
    ['rolebindings', true, 'RoleBinding'],
  ],
  'authorization.k8s.io/v1': [
    ['selfsubjectaccessreviews', false, 'SelfSubjectAccessReview'],
    ['selfsubjectrulesreviews', false, 'SelfSubjectRulesReview'],
  ],
  'authentication.k8s.io/v1': [['selfsubjectreviews', false, 'SelfSubjectReview']],
  'apps/v1': [['deployments', true, 'Deployment']],
  'batch/v1': [
    ['jobs', true, 'Job'],
    ['cronjobs', true, 'CronJob'],
  ],
  'networking.k8s.io/v1': [['ingresses', true, 'Ingress']],
  'scheduling.k8s.io/v1': [['priorityclasses', false, 'PriorityClass']],
  'policy/v1': [['poddisruptionbudgets', true, 'PodDisruptionBudget']],
};

function discovery(path: string): unknown {
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis') {
    const groups = Object.keys(GROUPS)
      .filter((gv) => gv.includes('/'))
      .map((gv) => {
        const [name, version] = gv.split('/') as [string, string];
        const v = { groupVersion: gv, version };
        return { name, versions: [v], preferredVersion: v };
      });
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }
  const gv = path === '/api/v1' ? 'v1' : path.replace(/^\/apis\//, '');
  const resources = GROUPS[gv];
  if (!resources) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: resources.map(([name, namespaced, kind]) => ({
      name,
      singularName: kind.toLowerCase(),
      namespaced,
      kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  };
}

export async function startFakeApiServer(respond: Responder, objects: Objects = {}): Promise<FakeApiServer> {
  const writes: RecordedWrite[] = [];
  const reads: FakeApiServer['reads'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const accept = req.headers.accept ?? '';
      const answer = (code: number, obj: Record<string, unknown>, prefer: boolean): void => {
        const wantsProtobuf = accept.split(',')[0]?.trim() === PROTOBUF_CONTENT_TYPE && prefer;
        const body = wantsProtobuf
          ? encodeKubernetesProtobuf(obj.apiVersion as string, obj.kind as string, obj)
          : Buffer.from(JSON.stringify(obj));
        res.writeHead(code, { 'content-type': wantsProtobuf ? PROTOBUF_CONTENT_TYPE : 'application/json' });
        res.end(body);
      };
      if (req.method === 'GET') {
        const doc = discovery(path);
        if (doc) return answer(200, doc as Record<string, unknown>, false);
        const obj = objects[path];
        if (obj) {
          const answeredWith = accept.startsWith(PROTOBUF_CONTENT_TYPE) ? PROTOBUF_CONTENT_TYPE : 'application/json';
          reads.push({ url: req.url ?? '', accept, answeredWith });
          return answer(200, obj, true);
        }
        return answer(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 }, false);
      }
      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? '';
      const write: RecordedWrite = { method: req.method ?? '', url: req.url ?? '', contentType, accept, body };
      writes.push(write);
      let object: Record<string, unknown>;
      try {
        object =
          contentType === PROTOBUF_CONTENT_TYPE
            ? decodeKubernetesProtobuf(body).object
            : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
      } catch (err) {
        write.decodeError = (err as Error).message;
        const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', code: 400 };
        return answer(400, { ...status, message: write.decodeError }, false);
      }
      answer(201, respond(object), true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    reads,
    reset() {
      writes.length = 0;
      reads.length = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

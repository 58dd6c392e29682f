import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { KUBE_VERSIONS, VERSIONS, type KubeVersion } from '../../../versions.js';
import { catalogFor } from '../catalog/catalog.js';
import { ApiError } from '../status.js';
import { OpenApiDocuments, openApiFor } from './documents.js';
import { SchemaSet } from './schema-set.js';
import { MODELLED_TYPES } from './schemas/index.js';

interface Operation {
  description: string;
  parameters: { name: string; in: string }[];
  'x-kubernetes-action': string;
  'x-kubernetes-group-version-kind': { group: string; version: string; kind: string };
}
type PathItem = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>;
interface Schema {
  description?: string;
  type?: string;
  properties?: Record<string, Schema & { allOf?: { $ref: string }[]; items?: unknown }>;
  required?: string[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}
interface Document {
  openapi: string;
  info: { version: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema> };
}

function documentKey(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

const parsed = new WeakMap<Buffer, Document>();

function load(docs: OpenApiDocuments, key: string): Document {
  const response = docs.serve(`/openapi/v3/${key}`);
  if (response?.status !== 200) throw new Error(`no document ${key}`);
  let doc = parsed.get(response.body);
  if (!doc) parsed.set(response.body, (doc = JSON.parse(response.body.toString('utf8')) as Document));
  return doc;
}

/** cli-runtime's queryParamVerifierV3: the first PATCH operation for the kind decides. */
function patchOperationsFor(doc: Document, gvk: { group: string; version: string; kind: string }): Operation[] {
  return Object.values(doc.paths)
    .map((p) => p.patch)
    .filter((op): op is Operation => {
      const x = op?.['x-kubernetes-group-version-kind'];
      return x !== undefined && x.group === gvk.group && x.version === gvk.version && x.kind === gvk.kind;
    });
}

describe.each(KUBE_VERSIONS)('OpenAPI v3 documents %s', (version: KubeVersion) => {
  const catalog = catalogFor(version);
  const docs = openApiFor(catalog);

  test('every kind kubectl can create or patch has PATCH operations, all offering fieldValidation', () => {
    for (const r of catalog.resources().filter((x) => x.verbs.includes('create') || x.verbs.includes('patch'))) {
      const doc = load(docs, documentKey(r.group, r.version));
      const ops = patchOperationsFor(doc, { group: r.group, version: r.version, kind: r.kind });
      expect(ops.length, `${r.kind} ${r.group}/${r.version}`).toBeGreaterThan(0);
      for (const op of ops) expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    }
  });

  test('kubectl explain can find every kind: a resource path names its GVK and a schema carries it', () => {
    for (const r of catalog.resources()) {
      const doc = load(docs, documentKey(r.group, r.version));
      const prefix = r.group === '' ? '/api/v1' : `/apis/${r.group}/${r.version}`;
      const collection = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.plural}` : `${prefix}/${r.plural}`;
      const item = doc.paths[collection] ?? {};
      const gvk = Object.values(item).find((op) => op['x-kubernetes-group-version-kind'])?.['x-kubernetes-group-version-kind'];
      expect(gvk, collection).toEqual({ group: r.group, version: r.version, kind: r.kind });
      const schemas = Object.values(doc.components.schemas).filter((s) =>
        s['x-kubernetes-group-version-kind']?.some((x) => x.group === r.group && x.version === r.version && x.kind === r.kind),
      );
      expect(schemas, `${r.kind} schema`).toHaveLength(1);
      expect(schemas[0]?.properties?.metadata).toBeDefined();
    }
  });

  test('every $ref points at a schema in the same document', () => {
    for (const g of catalog.groups()) {
      for (const v of g.versions) {
        const doc = load(docs, documentKey(g.name, v));
        const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
        for (const ref of refs) expect(doc.components.schemas, `${ref} in ${g.name}/${v}`).toHaveProperty([ref as string]);
      }
    }
  });

  test('create-only reviews get a PATCH entry that says it is kubelab\'s addition', () => {
    const doc = load(docs, 'apis/authorization.k8s.io/v1');
    const patch = doc.paths['/apis/authorization.k8s.io/v1/subjectaccessreviews/{name}']?.patch;
    expect(patch?.['x-kubernetes-group-version-kind']).toEqual({ group: 'authorization.k8s.io', version: 'v1', kind: 'SubjectAccessReview' });
    expect(patch?.description).toContain('kubelab');
    expect(doc.paths['/apis/authorization.k8s.io/v1/subjectaccessreviews']?.post).toBeDefined();
    expect(doc.paths['/apis/authorization.k8s.io/v1/subjectaccessreviews']?.get).toBeUndefined();
  });

  test('serviceaccounts/token is a POST of authentication.k8s.io/v1 TokenRequest in the core document', () => {
    const doc = load(docs, 'api/v1');
    const post = doc.paths['/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token']?.post;
    expect(post?.['x-kubernetes-group-version-kind']).toEqual({ group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' });
    expect(doc.components.schemas['io.k8s.api.authentication.v1.TokenRequest']?.required).toEqual(['spec']);
    // A subresource kind we do not describe (Eviction) gets no path.
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/eviction']).toBeUndefined();
  });

  test('our schemas carry descriptions and required fields', () => {
    const rbac = load(docs, 'apis/rbac.authorization.k8s.io/v1').components.schemas;
    expect(rbac['io.k8s.api.rbac.v1.RoleBinding']?.required).toEqual(['roleRef']);
    expect(rbac['io.k8s.api.rbac.v1.PolicyRule']?.required).toEqual(['verbs']);
    expect(rbac['io.k8s.api.rbac.v1.ClusterRole']?.properties?.rules?.description).toMatch(/permissions/);
    const core = load(docs, 'api/v1').components.schemas;
    expect(core['io.k8s.api.core.v1.PodSpec']?.required).toEqual(['containers']);
    expect(core['io.k8s.api.core.v1.Volume']?.properties?.hostPath?.description).toMatch(/node/);
    expect(core['io.k8s.api.core.v1.Pod']?.properties?.metadata?.allOf).toEqual([
      { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
    ]);
  });

  test('kinds we do not describe are open-ended, and explain says so', () => {
    const services = load(docs, 'api/v1').components.schemas['io.k8s.api.core.v1.Service'];
    expect(services?.['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(services?.description).toMatch(/kubelab does not describe its fields/);
    expect(Object.keys(services?.properties ?? {})).toEqual(['apiVersion', 'kind', 'metadata']);
  });

  test('the index points at every group version by the hash of its bytes', () => {
    const root = docs.serve('/openapi/v3');
    if (root?.status !== 200) throw new Error('no root');
    const index = JSON.parse(root.body.toString()) as { paths: Record<string, { serverRelativeURL: string }> };
    const expected = catalog.groups().flatMap((g) => g.versions.map((v) => documentKey(g.name, v)));
    expect(Object.keys(index.paths).sort()).toEqual(expected.sort());
    for (const [key, { serverRelativeURL }] of Object.entries(index.paths)) {
      const [path, query] = serverRelativeURL.split('?');
      const hash = new URLSearchParams(query).get('hash');
      const doc = docs.serve(path ?? '', new URLSearchParams(query));
      if (doc?.status !== 200) throw new Error(`${key} not served`);
      expect(hash).toBe(createHash('sha512').update(doc.body).digest('hex').toUpperCase());
      expect(doc.etag).toBe(`"${hash}"`);
      expect(doc.immutable).toBe(true);
    }
    expect(load(docs, 'api/v1').info.version).toBe(VERSIONS[version].gitVersion);
  });

  test('an outdated hash redirects to the current one; without a hash nothing is promised immutable', () => {
    const current = docs.serve('/openapi/v3/apis/apps/v1');
    if (current?.status !== 200) throw new Error('apps/v1 not served');
    expect(current.immutable).toBe(false);
    expect(docs.serve('/openapi/v3/apis/apps/v1', new URLSearchParams('hash=0123'))).toEqual({
      status: 301,
      location: `/openapi/v3/apis/apps/v1?hash=${current.etag.slice(1, -1)}`,
    });
  });

  test('JSON only: a protobuf-only Accept is a 406; unknown paths are not OpenAPI', () => {
    expect(docs.serve('/openapi/v3/apis/apps/v1', undefined, 'application/json')?.status).toBe(200);
    expect(docs.serve('/openapi/v3', undefined, '*/*')?.status).toBe(200);
    expect(() => docs.serve('/openapi/v3/apis/apps/v1', undefined, 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf')).toThrow(
      ApiError,
    );
    expect(docs.serve('/openapi/v3/apis/apps/v1beta1')).toBeUndefined();
    expect(docs.serve('/openapi/v2')).toBeUndefined();
    expect(docs.serve('/openapi/v3x')).toBeUndefined();
  });

  test('documents are built once per catalog and byte-stable', () => {
    expect(openApiFor(catalog)).toBe(docs);
    const again = new OpenApiDocuments(catalog);
    for (const path of ['/openapi/v3', '/openapi/v3/api/v1', '/openapi/v3/apis/rbac.authorization.k8s.io/v1']) {
      const a = docs.serve(path);
      const b = again.serve(path);
      expect(a?.status === 200 && b?.status === 200 && a.body.equals(b.body), path).toBe(true);
    }
  });
});

describe('modelled schemas', () => {
  test('every reference between our schemas resolves, and no name is defined twice', () => {
    const set = new SchemaSet(MODELLED_TYPES);
    for (const t of MODELLED_TYPES) set.named(t.name);
    expect(Object.keys(set.components())).toHaveLength(MODELLED_TYPES.length);
  });

  test('every field has a description of its own', () => {
    for (const t of MODELLED_TYPES) {
      for (const [name, f] of Object.entries(t.fields ?? {})) expect(f.description.length, `${t.name}.${name}`).toBeGreaterThan(5);
      expect(t.description.length, t.name).toBeGreaterThan(5);
    }
  });
});

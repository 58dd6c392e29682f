// The path entries of one resource, shaped like kube-apiserver's: one operation per verb, each
// carrying x-kubernetes-action and x-kubernetes-group-version-kind. kubectl explain finds a
// kind through these paths; kubectl apply/create look for the kind's PATCH operation and its
// fieldValidation parameter before they send fieldValidation=Strict.

import type { CatalogResource } from '../catalog/catalog.js';
import type { SubresourceDef } from '../types.js';
import type { GroupVersionKind, JsonSchema } from './schema-dsl.js';
import { META } from './schema-dsl.js';
import { SCHEMA_PREFIX } from './to-openapi.js';
import {
  DELETE_PARAMETERS,
  LIST_PARAMETERS,
  NAMESPACE,
  PATCH_PARAMETERS,
  PRETTY,
  WRITE_PARAMETERS,
  nameParameter,
} from './parameters.js';

/** The body of delete responses and of every error. */
export const STATUS = `${META}Status`;

type Action = 'list' | 'post' | 'get' | 'put' | 'patch' | 'delete' | 'deletecollection';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathItem = Partial<Record<Method, JsonSchema>> & { parameters: JsonSchema[] };

export interface ResourceSchemaNames {
  kind: string;
  list?: string;
  patch: string;
  /** Definition names of create-only subresource kinds we describe (TokenRequest), by subresource. */
  subresourceKinds: ReadonlyMap<string, string>;
}

const OPERATION_VERB: Record<Action, string> = {
  list: 'list',
  post: 'create',
  get: 'read',
  put: 'replace',
  patch: 'patch',
  delete: 'delete',
  deletecollection: 'deleteCollection',
};

const PATCH_CONTENT_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

export function resourcePaths(r: CatalogResource, names: ResourceSchemaNames): Record<string, PathItem> {
  const gvk: GroupVersionKind = { group: r.group, version: r.version, kind: r.kind };
  const prefix = r.group === '' ? '/api/v1' : `/apis/${r.group}/${r.version}`;
  const scopePrefix = r.namespaced ? `${prefix}/namespaces/{namespace}` : prefix;
  const collection = `${scopePrefix}/${r.plural}`;
  const item = `${collection}/{name}`;
  const scopeParameters = r.namespaced ? [NAMESPACE] : [];
  const itemParameters = [nameParameter(r.kind), ...scopeParameters, PRETTY];
  const op = operationFactory(r, gvk);
  const can = (verb: string) => r.verbs.includes(verb);
  const paths: Record<string, PathItem> = {};

  const collectionItem: PathItem = { parameters: [...scopeParameters, PRETTY] };
  if (can('list')) collectionItem.get = op('list', '', { response: names.list });
  if (can('create')) collectionItem.post = op('post', '', { body: names.kind, response: names.kind });
  if (can('deletecollection')) collectionItem.delete = op('deletecollection', '', {});
  paths[collection] = collectionItem;

  const itemPath: PathItem = { parameters: itemParameters };
  if (can('get')) itemPath.get = op('get', '', { response: names.kind });
  if (can('update')) itemPath.put = op('put', '', { body: names.kind, response: names.kind });
  if (can('patch')) itemPath.patch = op('patch', '', { patchBody: names.patch, response: names.kind });
  if (can('delete')) itemPath.delete = op('delete', '', {});
  if (can('create') && !can('patch')) {
    // Real servers have no PATCH for create-only kinds (reviews, bindings), so kubectl would fall
    // back to the protobuf OpenAPI v2 to validate `create -f`. This PATCH entry lets it validate
    // server-side instead; the server itself still answers PATCH with 405.
    itemPath.patch = op('patch', '', {
      patchBody: names.patch,
      response: names.kind,
      note: 'kubelab: listed so kubectl validates this create-only kind server-side; the server rejects PATCH with 405.',
    });
  }
  if (Object.keys(itemPath).length > 1) paths[item] = itemPath;

  if (r.namespaced && can('list')) {
    paths[`${prefix}/${r.plural}`] = {
      parameters: [PRETTY],
      get: op('list', 'ForAllNamespaces', { response: names.list, allNamespaces: true }),
    };
  }

  for (const sub of r.subresources ?? []) {
    const subPath = subresourcePath(r, sub, op, names);
    if (subPath) paths[`${item}/${sub.name}`] = { parameters: itemParameters, ...subPath };
  }
  return paths;
}

/** status: the parent object through get/put/patch; create-only kinds we describe: a POST. */
function subresourcePath(
  r: CatalogResource,
  sub: SubresourceDef,
  op: OperationFactory,
  names: ResourceSchemaNames,
): Partial<Record<Method, JsonSchema>> | undefined {
  if (sub.name === 'status') {
    const ops: Partial<Record<Method, JsonSchema>> = {};
    if (sub.verbs.includes('get')) ops.get = op('get', 'Status', { response: names.kind });
    if (sub.verbs.includes('update')) ops.put = op('put', 'Status', { body: names.kind, response: names.kind });
    if (sub.verbs.includes('patch')) ops.patch = op('patch', 'Status', { patchBody: names.patch, response: names.kind });
    return ops;
  }
  const kindName = names.subresourceKinds.get(sub.name);
  if (!kindName) return undefined;
  const gvk = { group: sub.group ?? r.group, version: sub.version ?? r.version, kind: sub.kind };
  return { post: op('post', capitalize(sub.name), { body: kindName, response: kindName, gvk }) };
}

interface OperationOptions {
  body?: string;
  patchBody?: string;
  response?: string;
  allNamespaces?: boolean;
  note?: string;
  /** The kind of a subresource served in another group (TokenRequest). */
  gvk?: GroupVersionKind;
}

type OperationFactory = (action: Action, suffix: string, options: OperationOptions) => JsonSchema;

function operationFactory(r: CatalogResource, resourceGvk: GroupVersionKind): OperationFactory {
  const groupPart = groupIdentifier(r.group);
  const versionPart = capitalize(r.version);
  return (action, suffix, options) => {
    const gvk = options.gvk ?? resourceGvk;
    const scope = r.namespaced && !options.allNamespaces ? 'Namespaced' : '';
    const operation: JsonSchema = {
      tags: [`${lowerFirst(groupPart)}_${r.version}`],
      description: options.note ?? describe(action, r.kind, suffix),
      operationId: `${OPERATION_VERB[action]}${groupPart}${versionPart}${scope}${r.kind}${suffix}`,
      parameters: parametersFor(action),
    };
    if (options.body) operation.requestBody = body({ '*/*': options.body });
    const patchBody = options.patchBody;
    if (patchBody) operation.requestBody = body(Object.fromEntries(PATCH_CONTENT_TYPES.map((t) => [t, patchBody])));
    operation.responses = responses(action, options.response);
    operation['x-kubernetes-action'] = action;
    operation['x-kubernetes-group-version-kind'] = { group: gvk.group, version: gvk.version, kind: gvk.kind };
    return operation;
  };
}

function parametersFor(action: Action): JsonSchema[] {
  switch (action) {
    case 'list':
      return [...LIST_PARAMETERS];
    case 'post':
    case 'put':
      return [...WRITE_PARAMETERS];
    case 'patch':
      return [...PATCH_PARAMETERS];
    case 'delete':
      return [...DELETE_PARAMETERS];
    case 'deletecollection':
      return [...DELETE_PARAMETERS, ...LIST_PARAMETERS];
    case 'get':
      return [];
  }
}

function body(schemaByContentType: Record<string, string>): JsonSchema {
  const content = Object.fromEntries(
    Object.entries(schemaByContentType).map(([type, name]) => [type, { schema: { $ref: SCHEMA_PREFIX + name } }]),
  );
  return { content, required: true };
}

function responses(action: Action, responseName: string | undefined): JsonSchema {
  const ok = (description: string, name: string | undefined) => ({
    description,
    ...(name && { content: { 'application/json': { schema: { $ref: SCHEMA_PREFIX + name } } } }),
  });
  switch (action) {
    case 'post':
      return { '200': ok('OK', responseName), '201': ok('Created', responseName), '401': { description: 'Unauthorized' } };
    case 'delete':
    case 'deletecollection':
      return { '200': ok('OK', STATUS), '401': { description: 'Unauthorized' } };
    default:
      return { '200': ok('OK', responseName), '401': { description: 'Unauthorized' } };
  }
}

function describe(action: Action, kind: string, suffix: string): string {
  const target = suffix ? `${suffix.toLowerCase()} of the specified ${kind}` : `the specified ${kind}`;
  switch (action) {
    case 'list':
      return `list or watch objects of kind ${kind}`;
    case 'post':
      return suffix ? `create ${target}` : `create a ${kind}`;
    case 'get':
      return `read ${target}`;
    case 'put':
      return `replace ${target}`;
    case 'patch':
      return `partially update ${target}`;
    case 'delete':
      return `delete a ${kind}`;
    case 'deletecollection':
      return `delete collection of ${kind}`;
  }
}

/** "rbac.authorization.k8s.io" → "RbacAuthorization", "" → "Core", as in operation IDs. */
function groupIdentifier(group: string): string {
  if (group === '') return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map(capitalize).join('');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

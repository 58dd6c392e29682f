// The /scale subresource of Deployments, ReplicaSets and StatefulSets (pkg/registry/apps/*/storage
// ScaleREST): an autoscaling/v1 Scale made from the object (spec.replicas in, status.replicas and
// the selector as a string out). GET reads it; PUT and PATCH (kubectl scale sends a merge patch)
// change spec.replicas of the object through the object's own update path, so generation, managed
// fields and the controllers behave as for any other spec change.

import type { KubeObject, LabelSelector } from '../types.js';
import { ApiError, badRequest, conflict, invalid, methodNotAllowed } from '../status.js';
import { labelSelectorString } from '../printers/label-format.js';
import { applyPatch } from '../patch/patch.js';
import { decodeObject, mediaType, readBody } from './body.js';
import type { GenericRegistry, ObjectResult, ResourceRequest } from './generic.js';

const SCALABLE = new Set(['apps/deployments', 'apps/replicasets', 'apps/statefulsets']);

export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

interface ScalableObject extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector | null };
  status?: { replicas?: number };
}

export function servesScale(r: Pick<ResourceRequest, 'def'>): boolean {
  return SCALABLE.has(`${r.def.group}/${r.def.plural}`);
}

/** scaleFromDeployment / scaleFromReplicaSet / scaleFromStatefulSet. */
export function scaleOf(obj: ScalableObject): Scale {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const selector = labelSelectorString(obj.spec?.selector);
  const status: Scale['status'] = { replicas: obj.status?.replicas ?? 0 };
  if (selector) status.selector = selector;
  const spec: Scale['spec'] = {};
  if (obj.spec?.replicas) spec.replicas = obj.spec.replicas;
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name, namespace, uid, resourceVersion, creationTimestamp }, spec, status };
}

/** GET, PUT or PATCH of <resource>/scale; answers with the Scale. */
export async function serveScale(r: ResourceRequest, registry: GenericRegistry): Promise<ObjectResult> {
  const live = registry.get(r) as ScalableObject;
  switch (r.info.verb) {
    case 'get':
      return { status: 200, object: scaleOf(live) };
    case 'update':
      return writeScale(r, registry, live, checkedScale(r, decodeObject(await readBody(r.req), r.req.headers['content-type'])));
    case 'patch':
      return writeScale(r, registry, live, await patchedScale(r, live));
    default:
      throw methodNotAllowed(); // only GET, PUT and PATCH are routed
  }
}

async function patchedScale(r: ResourceRequest, live: ScalableObject): Promise<Record<string, unknown>> {
  const result = applyPatch(mediaType(r.req.headers['content-type']), scaleOf(live), await readBody(r.req), { kind: 'Scale', apiVersion: 'autoscaling/v1' });
  if ('error' in result) throw new ApiError(result.error.code, result.error.reason, result.error.message, result.error.details);
  return result.object;
}

/** The body must be an autoscaling/v1 Scale of this object. */
function checkedScale(r: ResourceRequest, body: Record<string, unknown>): Record<string, unknown> {
  const { apiVersion, kind } = body as { apiVersion?: string; kind?: string };
  if (apiVersion !== undefined && apiVersion !== 'autoscaling/v1') {
    throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (autoscaling/v1)`);
  }
  if (kind !== undefined && kind !== 'Scale') {
    throw badRequest(`${kind} in version "v1" cannot be handled as a Scale: the kind in the data does not match`);
  }
  const name = (body.metadata as { name?: string } | undefined)?.name;
  if (name !== r.info.name) throw badRequest(`the name of the object (${name ?? ''}) does not match the name on the URL (${r.info.name})`);
  return body;
}

/** scaleUpdatedObjectInfo: validate the Scale, check its resourceVersion, move spec.replicas over. */
function writeScale(r: ResourceRequest, registry: GenericRegistry, live: ScalableObject, scale: Record<string, unknown>): ObjectResult {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  if (replicas < 0) {
    throw invalid('autoscaling', 'Scale', r.info.name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', detail: `Invalid value: ${replicas}: must be greater than or equal to 0` }]);
  }
  const resourceVersion = (scale.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  if (resourceVersion && resourceVersion !== live.metadata.resourceVersion) {
    throw conflict(r.def.group, r.def.plural, r.info.name, 'the object has been modified; please apply your changes to the latest version and try again');
  }
  const updated: KubeObject = { ...structuredClone(live), spec: { ...live.spec, replicas } };
  const result = registry.updateObject(r, updated, live, { recordUpdate: true });
  return { status: 200, object: scaleOf(result.object as ScalableObject) };
}

// POST /api/access-matrix: for one subject, what each kubelet endpoint group answers on v1.31,
// v1.33 and v1.36, computed in-process from the session cluster's RBAC objects, without another
// cluster. Per version it takes:
//   - that version's kubelet: routes (an endpoint it does not serve answers 404 before any
//     authorization), the attributes it builds from method and path (fine-grained subresources
//     first while KubeletFineGrainedAuthz is on, then the coarse one) and its authorization mode;
//   - that version's kube-apiserver authorizer (system:masters, Node, RBAC) over the session's
//     RBAC objects carried over to that version (version-policy.ts);
// and tries the attributes in the kubelet's order, stopping at the first allow, as its auth
// filter does. The session's own version uses the session cluster's feature gates and kubelet
// configuration; the others use what a default kind cluster of that version has.

import { validateSpec } from '../../cluster/embedded/cluster.js';
import { KubeApiserverAuthorizer } from '../../cluster/embedded/apiserver/authorization/authorizer-chain.js';
import { MemoryRbacSource, type RbacObjects } from '../../cluster/embedded/apiserver/authorization/memory-rbac-source.js';
import type { Attributes } from '../../cluster/embedded/apiserver/types.js';
import { clusterAccessReviewer } from '../../cluster/embedded/kubelet/auth/cluster-reviews.js';
import type { AccessReviewAnswer } from '../../cluster/embedded/kubelet/auth/authorizer.js';
import { KUBELET_ATTRIBUTE_RULES, kubeletAuthorizationAttributes } from '../../cluster/embedded/kubelet/attributes.js';
import { kubeletForbiddenResponse } from '../../cluster/embedded/kubelet/forbidden.js';
import { kubeletRouteConfig, routeKubeletRequest, type KubeletRoute } from '../../cluster/embedded/kubelet/routes.js';
import type { ClusterSpec } from '../../cluster/provider.js';
import { KUBE_VERSIONS, VERSIONS, type KubeVersion } from '../../cluster/versions.js';
import { subjectIdentity, subjectKey, type Subject } from '../grading/identities.js';
import { ENDPOINT_GROUPS, type EndpointGroup } from './endpoint-groups.js';
import { carryOver, freshClusterRbac, type RbacObjectLists } from './version-policy.js';

export interface MatrixCell {
  /** The endpoint's `group`. */
  endpoint: string;
  version: KubeVersion;
  allowed: boolean;
  /** The subresources the kubelet asked about, in order, up to the first allowed one. */
  subresources: string[];
  reason: string;
}

export interface AccessMatrix {
  subject: string;
  endpoints: { group: string; path: string; method: string }[];
  versions: KubeVersion[];
  cells: MatrixCell[];
}

export interface MatrixInput {
  subject: Subject;
  /** The session cluster's RBAC objects. */
  objects: RbacObjectLists;
  /** The session cluster's spec: its version, feature gates and kubelet configuration patch. */
  spec: ClusterSpec;
  /** The node the attributes name (resourceNames in rules can single one out). */
  nodeName: string;
}

/** What a version's kubelet does with each endpoint before RBAC is asked: it depends on the spec only. */
interface KubeletSide {
  version: KubeVersion;
  fineGrained: boolean;
  alwaysAllow: boolean;
  routes: ReadonlyMap<EndpointGroup, KubeletRoute>;
}

interface VersionSetup extends KubeletSide {
  review: (attrs: Attributes) => AccessReviewAnswer;
}

export function computeAccessMatrix(input: MatrixInput): AccessMatrix {
  const user = subjectIdentity(input.subject);
  const userInfo = { username: user.user, groups: user.groups };
  const sessionFresh = freshClusterRbac(input.spec.version, input.spec.featureGates ?? {});
  const cells: MatrixCell[] = [];
  for (const version of KUBE_VERSIONS) {
    const objects: RbacObjects = version === input.spec.version ? input.objects : carryOver(input.objects, sessionFresh, freshClusterRbac(version, {}));
    const authorizer = new KubeApiserverAuthorizer(new MemoryRbacSource(objects), { authorizeNodeWithSelectors: VERSIONS[version].authorizeNodeWithSelectors });
    const setup: VersionSetup = { ...kubeletSide(version, input.spec), review: clusterAccessReviewer(authorizer) };
    const options = { nodeName: input.nodeName, fineGrained: setup.fineGrained, table: KUBELET_ATTRIBUTE_RULES[version] };
    for (const endpoint of ENDPOINT_GROUPS) {
      cells.push(cell(endpoint, setup, kubeletAuthorizationAttributes(endpoint.method, endpoint.probe, options, userInfo)));
    }
  }
  return {
    subject: subjectKey(input.subject),
    endpoints: ENDPOINT_GROUPS.map(({ group, path, method }) => ({ group, path, method })),
    versions: [...KUBE_VERSIONS],
    cells,
  };
}

const kubeletSides = new Map<string, KubeletSide>();

/** The session's own version runs with the session's gates and kubelet patch; the others as kind makes them. */
function kubeletSide(version: KubeVersion, spec: ClusterSpec): KubeletSide {
  const own = version === spec.version;
  const featureGates = own ? spec.featureGates : undefined;
  const kubeletConfigPatch = own ? spec.kubeletConfigPatch : undefined;
  const key = JSON.stringify([version, featureGates ?? null, kubeletConfigPatch ?? null]);
  let side = kubeletSides.get(key);
  if (!side) {
    const { config, gates } = validateSpec({
      name: 'access-matrix',
      version,
      ...(featureGates ? { featureGates } : {}),
      ...(kubeletConfigPatch ? { kubeletConfigPatch } : {}),
    }).kubelet;
    const routeConfig = kubeletRouteConfig(version, config, gates);
    side = {
      version,
      fineGrained: gates['KubeletFineGrainedAuthz'] === true,
      alwaysAllow: config.authorization.mode === 'AlwaysAllow',
      routes: new Map(ENDPOINT_GROUPS.map((e) => [e, routeKubeletRequest(e.method, e.probe, routeConfig)])),
    };
    kubeletSides.set(key, side);
  }
  return side;
}

function cell(endpoint: EndpointGroup, setup: VersionSetup, attributes: Attributes[]): MatrixCell {
  const head = { endpoint: endpoint.group, version: setup.version };
  const route = setup.routes.get(endpoint)!;
  if (route.kind !== 'registered') {
    const how = route.kind === 'redirect' ? `redirects to ${route.location}` : 'answers 404 page not found';
    return { ...head, allowed: false, subresources: [], reason: `Not served on v${setup.version}: the kubelet ${how} before any authentication or authorization.` };
  }
  const after = route.disabledStub ?? route.restfulError;
  const then = after ? ` The kubelet then answers ${after.status}: ${after.body.trim()}.` : '';
  if (setup.alwaysAllow) {
    return { ...head, allowed: true, subresources: [], reason: `The kubelet's authorization mode is AlwaysAllow: it allows every authenticated caller without asking anyone.${then}` };
  }
  const tried: string[] = [];
  const denials: string[] = [];
  for (const attrs of attributes) {
    const subresource = attrs.subresource ?? '';
    tried.push(subresource);
    const { result, explanation } = setup.review(attrs);
    const what = `${attrs.verb || '(no verb)'} nodes/${subresource}`;
    if (result.decision === 'allow') {
      const by = result.reason || (explanation?.decidedBy === 'SystemPrivilegedGroup' ? 'member of system:masters, which every authorizer allows' : `the ${explanation?.decidedBy ?? ''} authorizer`);
      return { ...head, allowed: true, subresources: tried, reason: `${what}: ${by}.${then}` };
    }
    const why = (explanation?.notAllowedBy ?? []).map((b) => `${b.bindingKind} ${b.binding}${b.namespace ? ` in ${b.namespace}` : ''} → ${b.role}: ${b.error ?? b.mismatches.join('; ')}`);
    denials.push(`${what}: ${why.length ? why.join(' | ') : 'no binding gives this subject any rule on nodes'}`);
  }
  const forbidden = kubeletForbiddenResponse(setup.version, attributes as [Attributes, ...Attributes[]]).body.trim();
  return { ...head, allowed: false, subresources: tried, reason: `403 ${forbidden}. ${denials.join('. ')}.` };
}

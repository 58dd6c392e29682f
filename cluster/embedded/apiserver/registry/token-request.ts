// serviceaccounts/token (TokenRequest, `kubectl create token`): validation, defaults and the
// bound-object checks of kube-apiserver's TokenREST.

import type { KubeObject, UserInfo } from '../types.js';
import { badRequest, conflict, invalid, notFound } from '../status.js';
import { formatTime, resourceKey, type ObjectStore } from '../storage/store.js';
import type { BoundObject, ServiceAccountTokens } from '../serviceaccount/tokens.js';

const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;
const DEFAULT_EXPIRATION_SECONDS = 3600;
const BOUND_KINDS: Record<BoundObject['kind'], string> = { Pod: 'pods', Secret: 'secrets', Node: 'nodes' };

interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number | null;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null;
}

export async function createToken(
  namespace: string,
  serviceAccountName: string,
  body: Record<string, unknown>,
  _requester: UserInfo,
  store: ObjectStore,
  tokens: ServiceAccountTokens,
  dryRun: boolean,
): Promise<KubeObject> {
  const sa = store.get(resourceKey('', 'serviceaccounts'), namespace, serviceAccountName);
  if (!sa) throw notFound('', 'serviceaccounts', serviceAccountName);
  const spec = (body.spec ?? {}) as TokenRequestSpec;
  const requested: unknown = spec.expirationSeconds;
  if (requested !== undefined && requested !== null && !Number.isSafeInteger(requested)) {
    // The typed decoder's error for a value int64 cannot hold.
    const what = typeof requested === 'number' ? `number ${String(requested)}` : Array.isArray(requested) ? 'array' : typeof requested === 'object' ? 'object' : typeof requested === 'boolean' ? 'bool' : 'string';
    throw badRequest(
      `TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal ${what} into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64`,
    );
  }
  const expirationSeconds = spec.expirationSeconds || DEFAULT_EXPIRATION_SECONDS;
  if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
    throw invalid('authentication.k8s.io', 'TokenRequest', '', [
      { type: 'FieldValueInvalid', field: 'spec.expirationSeconds', detail: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes` },
    ]);
  }
  if (expirationSeconds > MAX_EXPIRATION_SECONDS) {
    throw invalid('authentication.k8s.io', 'TokenRequest', '', [
      { type: 'FieldValueTooLong', field: 'spec.expirationSeconds', detail: `Invalid value: ${expirationSeconds}: may not specify a duration larger than 2^32 seconds` },
    ]);
  }
  const audiences = spec.audiences?.length ? spec.audiences : tokens.apiAudiences;
  const bound = spec.boundObjectRef ? resolveBound(spec.boundObjectRef, namespace, serviceAccountName, store) : undefined;

  const issued = dryRun
    ? { token: '', expirationTimestamp: new Date(Date.now() + expirationSeconds * 1000) }
    : await tokens.issue({
        namespace,
        serviceAccount: { name: serviceAccountName, uid: sa.metadata.uid ?? '' },
        audiences,
        expirationSeconds,
        ...(bound ? { boundObject: bound.ref } : {}),
        ...(bound?.node ? { node: bound.node } : {}),
      });
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: serviceAccountName, namespace, creationTimestamp: null },
    spec: {
      audiences,
      expirationSeconds,
      boundObjectRef: spec.boundObjectRef ?? null,
    },
    status: {
      token: issued.token,
      expirationTimestamp: formatTime(issued.expirationTimestamp),
    },
  };
}

function resolveBound(
  ref: NonNullable<TokenRequestSpec['boundObjectRef']>,
  namespace: string,
  serviceAccountName: string,
  store: ObjectStore,
): { ref: BoundObject; node?: { name: string; uid: string } } {
  const kind = ref.kind as BoundObject['kind'];
  const plural = BOUND_KINDS[kind];
  if (!plural || (ref.apiVersion && ref.apiVersion !== 'v1')) {
    throw badRequest(`cannot bind token to object of type ${ref.apiVersion ?? ''}, Kind=${ref.kind ?? ''}`);
  }
  const obj = store.get(resourceKey('', plural), kind === 'Node' ? undefined : namespace, ref.name ?? '');
  if (!obj) throw notFound('', plural, ref.name ?? '');
  if (ref.uid && ref.uid !== obj.metadata.uid) {
    // Upstream names the conflict by Kind, not resource: `Operation cannot be fulfilled on Pod "p1"`.
    throw conflict('', kind, ref.name ?? '', `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  const result: { ref: BoundObject; node?: { name: string; uid: string } } = {
    ref: { kind, name: obj.metadata.name ?? '', uid: obj.metadata.uid ?? '' },
  };
  if (kind === 'Pod') {
    const podSa = ((obj.spec ?? {}) as { serviceAccountName?: string }).serviceAccountName ?? 'default';
    if (podSa !== serviceAccountName) {
      throw badRequest(`cannot bind token for serviceaccount "${serviceAccountName}" to pod running with serviceaccount "${podSa}"`);
    }
    const nodeName = ((obj.spec ?? {}) as { nodeName?: string }).nodeName;
    const node = nodeName ? store.get(resourceKey('', 'nodes'), undefined, nodeName) : undefined;
    if (node) result.node = { name: nodeName!, uid: node.metadata.uid ?? '' };
  }
  return result;
}

// The kubelet's token manager, reduced to one request: a TokenRequest for the pod's
// ServiceAccount, bound to the pod (and, through the API server, to its node), with the
// projection's audience (default: the API server's audiences) and expirationSeconds.

import type { KubeObject } from '../../apiserver/types.js';
import type { ServiceAccountTokens } from '../../apiserver/serviceaccount/tokens.js';
import type { IssuePodToken } from './cluster-objects.js';

export interface TokenObjects {
  serviceAccount(namespace: string, name: string): KubeObject | undefined;
  pod(namespace: string, name: string): KubeObject | undefined;
  node(name: string): KubeObject | undefined;
}

export function podTokenIssuer(tokens: ServiceAccountTokens, objects: TokenObjects): IssuePodToken {
  return async (request) => {
    const serviceAccount = objects.serviceAccount(request.namespace, request.serviceAccountName);
    if (!serviceAccount) return { ok: false, error: `serviceaccounts "${request.serviceAccountName}" not found` };
    const pod = objects.pod(request.namespace, request.pod.name);
    if (!pod || pod.metadata.uid !== request.pod.uid) return { ok: false, error: `pods "${request.pod.name}" not found` };
    const nodeName = ((pod.spec ?? {}) as { nodeName?: string }).nodeName;
    const node = nodeName ? objects.node(nodeName) : undefined;
    const issued = await tokens.issue({
      namespace: request.namespace,
      serviceAccount: { name: request.serviceAccountName, uid: serviceAccount.metadata.uid ?? '' },
      audiences: request.audiences.length ? request.audiences : tokens.apiAudiences,
      expirationSeconds: request.expirationSeconds,
      boundObject: { kind: 'Pod', name: request.pod.name, uid: request.pod.uid },
      ...(node && nodeName ? { node: { name: nodeName, uid: node.metadata.uid ?? '' } } : {}),
    });
    return { ok: true, token: issued.token };
  };
}

// Admin kubeconfig as kind writes it: cluster, user and context all named kind-NAME, the CA
// embedded, and a client certificate for kubernetes-admin in group kubeadm:cluster-admins.

import { stringify } from 'yaml';

export interface KubeconfigInput {
  clusterName: string;
  server: string;
  caPem: string;
  user: { certPem: string; keyPem: string } | { token: string };
  namespace?: string;
}

export function renderKubeconfig(input: KubeconfigInput): string {
  const name = `kind-${input.clusterName}`;
  const user =
    'token' in input.user
      ? { token: input.user.token }
      : {
          'client-certificate-data': b64(input.user.certPem),
          'client-key-data': b64(input.user.keyPem),
        };
  const context: Record<string, string> = { cluster: name, user: name };
  if (input.namespace) context.namespace = input.namespace;
  return stringify({
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': b64(input.caPem), server: input.server }, name }],
    contexts: [{ context, name }],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{ name, user }],
  });
}

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

// The `kubernetes` Service in the default namespace and what points it at the API server, as
// kube-apiserver's own controllers keep them: the Service (controller/kubernetesservice), its
// Endpoints (the lease endpoint reconciler, which tells the mirroring controller to skip them)
// and the EndpointSlice the reconciler's EndpointsAdapter writes beside them.

import type { KubeObject } from '../types.js';

/** The first address of the service CIDR (10.96.0.0/16 on kind). */
const KUBERNETES_SERVICE_IP = '10.96.0.1';
const SECURE_PORT = 6443;

export function kubernetesServiceObjects(apiserverIP: string, created: string): KubeObject[] {
  const meta = (labels: Record<string, string>) => ({ name: 'kubernetes', namespace: 'default', creationTimestamp: created, labels });
  return [
    {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: meta({ component: 'apiserver', provider: 'kubernetes' }),
      spec: {
        clusterIP: KUBERNETES_SERVICE_IP,
        clusterIPs: [KUBERNETES_SERVICE_IP],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: SECURE_PORT }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
    {
      kind: 'Endpoints',
      apiVersion: 'v1',
      metadata: meta({ 'endpointslice.kubernetes.io/skip-mirror': 'true' }),
      subsets: [{ addresses: [{ ip: apiserverIP }], ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }] }],
    },
    {
      kind: 'EndpointSlice',
      apiVersion: 'discovery.k8s.io/v1',
      metadata: meta({ 'kubernetes.io/service-name': 'kubernetes' }),
      addressType: 'IPv4',
      endpoints: [{ addresses: [apiserverIP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }],
    },
  ];
}

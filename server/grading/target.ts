// What the grader needs of a cluster: the admin kubeconfig, the nodes' kubelet endpoints and a way
// to call a kubelet. An in-process Cluster is one; so is any running cluster reached through its
// kubeconfig (e.g. one `kubelab cluster up` started in another process, or a kind cluster), whose
// kubelet endpoints come from the Node objects as `kubectl get nodes -o wide` shows them.

import type { Cluster, ClusterNode, KubeletRequest, KubeletResponse } from '../../cluster/provider.js';
import { callKubelet } from '../../cluster/embedded/kubelet/kubelet-client.js';
import { expectOk, kubeClientFromKubeconfig } from './kube-client.js';

const KUBELET_TIMEOUT_MS = 15_000;

export type GradingTarget = Pick<Cluster, 'kubeconfigPath' | 'nodes' | 'kubeletRequest'>;

interface NodeObject {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { addresses?: { type: string; address: string }[]; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } };
}

export async function targetFromKubeconfig(kubeconfigPath: string): Promise<GradingTarget> {
  const api = kubeClientFromKubeconfig(kubeconfigPath);
  try {
    const list = await expectOk<{ items: NodeObject[] }>(api, 'GET', '/api/v1/nodes');
    const nodes: ClusterNode[] = list.items.map((n) => {
      const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
      if (!ip) throw new Error(`node ${n.metadata.name} reports no InternalIP address, so its kubelet cannot be reached`);
      return {
        name: n.metadata.name,
        internalIP: ip,
        kubeletPort: n.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250,
        role: n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? 'control-plane' : 'worker',
      };
    });
    // kind's order: the control plane first, then workers by name.
    nodes.sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'control-plane' ? -1 : 1));
    return {
      kubeconfigPath,
      nodes,
      kubeletRequest: (node, req) => {
        const target = nodes.find((n) => n.name === node);
        if (!target) return Promise.reject(new Error(`no node named ${node}`));
        return callNodeKubelet(target, req);
      },
    };
  } finally {
    api.close();
  }
}

/** A direct HTTPS call to a kubelet, as `curl -k https://NODE_IP:10250/...` makes it; failures name the node. */
async function callNodeKubelet(node: ClusterNode, req: KubeletRequest): Promise<KubeletResponse> {
  try {
    return await callKubelet(node.internalIP, node.kubeletPort, req, KUBELET_TIMEOUT_MS);
  } catch (e) {
    throw new Error(`cannot reach the kubelet of ${node.name} at ${node.internalIP}:${node.kubeletPort}: ${(e as Error).message}`, { cause: e });
  }
}

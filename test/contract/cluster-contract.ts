// The contract every cluster runtime passes, run with the real kubectl: the nodes the cluster says
// it has are the nodes the API server lists, the version is the one it reports, each kubelet
// answers /healthz on the node's IP and port to a ServiceAccount token (and 401 without one), and
// delete frees the cluster.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster, ClusterSpec } from '../../cluster/provider.js';
import { callKubelet } from '../../cluster/embedded/kubelet/kubelet-client.js';
import { canReach } from '../../cluster/kind/kubelet-transport.js';
import { kubectlRunner, supportedKubectls, type KubectlRunner } from '../support/kubectl.js';

export type ClusterFactory = (spec: Omit<ClusterSpec, 'name'>) => Promise<Cluster>;

interface NodeList {
  items: {
    metadata: { name: string };
    status: { addresses: { type: string; address: string }[]; daemonEndpoints: { kubeletEndpoint: { Port: number } }; conditions: { type: string; status: string }[] };
  }[];
}

export function clusterContract(runtime: string, create: ClusterFactory, opts: { directToNodeIp: boolean }): void {
  describe(`the cluster contract: ${runtime}`, () => {
    let cluster: Cluster;
    let kubectl: KubectlRunner;
    let token: string;

    beforeAll(async () => {
      const binary = (await supportedKubectls()).at(-1);
      if (!binary) throw new Error('the contract needs a real kubectl 1.31+ on this machine');
      cluster = await create({ version: '1.33', nodes: 2 });
      kubectl = kubectlRunner(binary, cluster.kubeconfigPath);
      for (const args of [
        ['create', 'serviceaccount', 'contract', '-n', 'default'],
        ['create', 'clusterrolebinding', 'contract-kubelet-api-admin', '--clusterrole', 'system:kubelet-api-admin', '--serviceaccount', 'default:contract'],
      ]) {
        const r = await kubectl.run(args);
        if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
      }
      const minted = await kubectl.run(['create', 'token', 'contract', '-n', 'default']);
      if (minted.code !== 0) throw new Error(`kubectl create token: ${minted.stderr}`);
      token = minted.stdout.trim();
    }, 600_000);

    afterAll(async () => {
      await cluster?.delete();
    }, 300_000);

    it('kubectl get nodes lists exactly its nodes, Ready, with their InternalIP and kubelet port', async () => {
      const r = await kubectl.run(['get', 'nodes', '-o', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const nodes = (JSON.parse(r.stdout) as NodeList).items.map((n) => ({
        name: n.metadata.name,
        internalIP: n.status.addresses.find((a) => a.type === 'InternalIP')?.address,
        kubeletPort: n.status.daemonEndpoints.kubeletEndpoint.Port,
        ready: n.status.conditions.find((c) => c.type === 'Ready')?.status,
      }));
      expect(nodes.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        cluster.nodes.map((n) => ({ name: n.name, internalIP: n.internalIP, kubeletPort: n.kubeletPort, ready: 'True' })).sort((a, b) => a.name.localeCompare(b.name)),
      );
      expect(cluster.nodes.map((n) => n.role)).toEqual(['control-plane', 'worker']);
    });

    it('the API server reports the version the cluster says it runs', async () => {
      const r = await kubectl.run(['version', '-o', 'json']);
      expect((JSON.parse(r.stdout) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion).toBe(cluster.gitVersion);
    });

    it('each kubelet answers /healthz on its node IP and port to a ServiceAccount token, and 401 without one', async () => {
      for (const node of cluster.nodes) {
        expect(await cluster.kubeletRequest(node.name, { method: 'GET', path: '/healthz', headers: { Authorization: `Bearer ${token}` } })).toMatchObject({ status: 200, body: 'ok' });
        expect((await cluster.kubeletRequest(node.name, { method: 'GET', path: '/healthz' })).status).toBe(401);
        if (opts.directToNodeIp) expect(await callKubelet(node.internalIP, node.kubeletPort, { method: 'GET', path: '/healthz', headers: { Authorization: `Bearer ${token}` } })).toMatchObject({ status: 200, body: 'ok' });
      }
    });

    it('delete frees the cluster: the API server and the kubelets are gone', async () => {
      await cluster.delete();
      const r = await kubectl.run(['get', 'nodes', '--request-timeout', '5s']);
      expect(r.code).not.toBe(0);
      for (const node of cluster.nodes) expect(await canReach(node)).toBe(false);
    });
  });
}

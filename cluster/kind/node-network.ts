// Where a kind cluster's nodes are: their containers (`kind get nodes`), and each one's address on
// the Docker network kind put it on (`docker inspect`). The kubelet listens on 10250 on every node.

import { z } from 'zod';
import type { ClusterNode } from '../provider.js';
import { runCommand, type CommandRunner } from './command-runner.js';
import { KindRuntimeError } from './errors.js';

/** kind's node network unless KIND_EXPERIMENTAL_DOCKER_NETWORK names another. */
export const KIND_NETWORK = 'kind';
export const KUBELET_PORT = 10250;

const NETWORKS = z.record(z.string(), z.object({ IPAddress: z.string().default('') }).passthrough());

export interface NodeAddressing {
  nodes: ClusterNode[];
  /** The Docker network the nodes share. */
  network: string;
}

/** The node containers of a kind cluster, control plane first, workers in kind's order. */
export async function kindNodeNames(kindName: string, run: CommandRunner = runCommand): Promise<string[]> {
  const result = await run('kind', ['get', 'nodes', '--name', kindName], { timeoutMs: 30_000 });
  if (result.code !== 0) throw commandFailed(`kind get nodes --name ${kindName}`, result.stderr);
  return sortNodes(result.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
}

export function roleOf(nodeName: string): ClusterNode['role'] {
  return /-control-plane\d*$/.test(nodeName) ? 'control-plane' : 'worker';
}

function sortNodes(names: string[]): string[] {
  return [...names].sort((a, b) => (roleOf(a) === roleOf(b) ? a.localeCompare(b, 'en', { numeric: true }) : roleOf(a) === 'control-plane' ? -1 : 1));
}

/** Each node's IP on `preferredNetwork` (or the one network it is on). */
export async function inspectNodes(nodeNames: readonly string[], preferredNetwork: string, run: CommandRunner = runCommand): Promise<NodeAddressing> {
  const result = await run('docker', ['inspect', '--format', '{{json .NetworkSettings.Networks}}', ...nodeNames], { timeoutMs: 30_000 });
  if (result.code !== 0) throw commandFailed(`docker inspect ${nodeNames.join(' ')}`, result.stderr);
  const lines = result.stdout.split('\n').filter((l) => l.trim());
  if (lines.length !== nodeNames.length) throw commandFailed('docker inspect', `expected ${nodeNames.length} lines of network details, got ${lines.length}`);
  let network = preferredNetwork;
  const nodes = nodeNames.map((name, i): ClusterNode => {
    const networks = NETWORKS.parse(JSON.parse(lines[i]!));
    const [chosen, settings] = networks[preferredNetwork] ? [preferredNetwork, networks[preferredNetwork]] : (Object.entries(networks)[0] ?? []);
    if (!chosen || !settings?.IPAddress) throw commandFailed('docker inspect', `node ${name} has no IP address on a Docker network`);
    network = chosen;
    return { name, role: roleOf(name), internalIP: settings.IPAddress, kubeletPort: KUBELET_PORT };
  });
  return { nodes, network };
}

export function commandFailed(command: string, stderr: string): KindRuntimeError {
  return new KindRuntimeError('command-failed', `\`${command}\` failed: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`, 'check that Docker is running (`kubelab doctor`) and try again');
}

// Where each node's kubelet listens: its own loopback address on port 10250, as a real node has
// its own IP (127.x.y.z: all of 127.0.0.0/8 is loopback on Linux), else a free port on 127.0.0.1.

import { createServer } from 'node:net';
import { createHash } from 'node:crypto';

export const KUBELET_PORT = 10250;

export interface NodeAddress {
  ip: string;
  port: number;
}

/**
 * Picks a /24 inside 127.0.0.0/8 derived from the cluster name (stable across restarts), and
 * checks each node address can bind port 10250; falls back to another /24, then to 127.0.0.1
 * with a free port where the OS refuses (macOS only routes 127.0.0.1).
 */
export async function allocateNodeAddresses(clusterName: string, count: number): Promise<NodeAddress[]> {
  const seed = createHash('sha256').update(clusterName).digest();
  for (let attempt = 0; attempt < 8; attempt++) {
    const b = 1 + ((seed[attempt * 2]! + attempt * 37) % 254);
    const c = 1 + ((seed[attempt * 2 + 1]! + attempt * 11) % 254);
    const candidates = Array.from({ length: count }, (_, i) => ({ ip: `127.${b}.${c}.${i + 2}`, port: KUBELET_PORT }));
    const free = await Promise.all(candidates.map((a) => canBind(a.ip, a.port)));
    if (free.every(Boolean)) return candidates;
  }
  return loopbackPorts(count);
}

async function loopbackPorts(count: number): Promise<NodeAddress[]> {
  const addresses: NodeAddress[] = [];
  for (let i = 0; i < count; i++) addresses.push({ ip: '127.0.0.1', port: await freePort() });
  return addresses;
}

/**
 * The addresses a restored cluster's kubelets had, when they are all still free (so Node objects,
 * tokens bound to them and the learner's notes stay right); else new ones as for a new cluster.
 * Where they were 127.0.0.1 with a port each (no 127.x.y.z here), they stay 127.0.0.1.
 */
export async function reclaimNodeAddresses(clusterName: string, previous: readonly NodeAddress[]): Promise<NodeAddress[]> {
  const free = await Promise.all(previous.map((a) => canBind(a.ip, a.port)));
  if (free.every(Boolean)) return previous.map((a) => ({ ...a }));
  if (previous.some((a) => a.ip === '127.0.0.1')) return loopbackPorts(previous.length);
  return allocateNodeAddresses(clusterName, previous.length);
}

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// A WebSocket port-forward session (portforward/websocket.go; SPDY: spdy-sessions.ts): two channels per requested port,
// data (2n) and error (2n+1), each opened with the port as two little-endian bytes. The CRI
// runtime then dials the port inside the pod's network namespace. kubelab has no pod network,
// so every dial is refused, exactly as containerd reports a port nothing listens on; the
// session then closes, as the real one does once every port's forwarding ended.

import { createHash } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { PodView } from '../pod-view.js';
import { ChannelSocket } from './channels.js';
import type { ChannelProtocol } from './handshake.js';

/** containerd's pod sandbox id: 64 hex digits (stable per pod here). */
function sandboxId(pod: PodView): string {
  return createHash('sha256').update(`sandbox/${pod.uid}`).digest('hex');
}

function networkNamespace(pod: PodView): string {
  if (pod.spec.hostNetwork) return 'host';
  const h = createHash('sha256').update(`netns/${pod.uid}`).digest('hex');
  return `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The error text the kubelet's port-forward handler writes on a port's error channel (or stream). */
export function refusedForwardMessage(pod: PodView, port: number): string {
  const id = sandboxId(pod);
  const dial = `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
  return (
    `error forwarding port ${port} to pod ${id}, uid : failed to execute portforward in network namespace ` +
    `"${networkNamespace(pod)}": failed to connect to localhost:${port} inside namespace "${id}", ${dial}`
  );
}

export function startPortForwardSession(ws: WebSocket, protocol: ChannelProtocol, pod: PodView, ports: readonly number[]): void {
  const channels = new ChannelSocket(ws, protocol, { data: () => {}, halfClose: () => {}, closed: () => {} });
  ports.forEach((port, index) => {
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16LE(port);
    channels.write(index * 2, portBytes);
    channels.write(index * 2 + 1, portBytes);
  });
  ports.forEach((port, index) => channels.write(index * 2 + 1, refusedForwardMessage(pod, port)));
  channels.close();
}

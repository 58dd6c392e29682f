// Test stand-in for the container runtime: records what the kubelet hands it, accepts WebSocket
// streams (echoing the negotiated subprotocol), runs nothing, and has a fixed output per container.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ContainerRuntime, ContainerTarget, LogOptions, StreamKind } from '../container-runtime.js';

export interface StreamCall {
  kind: StreamKind;
  target: ContainerTarget;
  query: string;
  protocols: string | undefined;
}

export class RecordingRuntime implements ContainerRuntime {
  readonly streams: StreamCall[] = [];
  readonly runs: { target: ContainerTarget; command: string[] }[] = [];
  readonly logReads: LogOptions[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });

  handleStream(kind: StreamKind, req: IncomingMessage, socket: Duplex, head: Buffer, target: ContainerTarget, query: URLSearchParams): void {
    const raw = req.rawHeaders.filter((_, i) => i % 2 === 1 && req.rawHeaders[i - 1]!.toLowerCase() === 'sec-websocket-protocol');
    this.streams.push({ kind, target, query: query.toString(), protocols: raw.length ? raw.join(', ') : undefined });
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.send(`${kind} ${target.namespace}/${target.pod}/${target.container}`);
      ws.close();
    });
  }

  async run(target: ContainerTarget, command: string[]): Promise<{ status: number; body: string }> {
    this.runs.push({ target, command });
    return { status: 200, body: `ran ${command.join(' ')}\n` };
  }

  logs(target: ContainerTarget, opts: LogOptions): string | undefined {
    this.logReads.push(opts);
    if (opts.previous) return undefined;
    const lines = [`${target.container} started`, `${target.container} ready`];
    return `${(opts.tailLines === undefined ? lines : lines.slice(-opts.tailLines)).join('\n')}\n`;
  }
}

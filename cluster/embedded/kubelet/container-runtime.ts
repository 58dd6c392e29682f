// What the kubelet's HTTPS server delegates to once a request to /exec, /attach, /portForward,
// /run or /containerLogs passed authentication and authorization: the container runtime
// (./containers/ implements it). The server owns routing, authn/authz and the pod and container
// lookups a real kubelet does before it calls the CRI; the runtime owns what happens inside
// containers: the exec/attach/port-forward stream protocols, /run, and container output.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** The container a request names by path: /exec/{namespace}/{pod}[/{uid}]/{container}. */
export interface ContainerTarget {
  namespace: string;
  pod: string;
  uid?: string;
  /** "" for portForward, which targets the pod's network namespace, not a container. */
  container: string;
}

export type StreamKind = 'exec' | 'attach' | 'portForward';

export interface RunResult {
  /** 200 with the command's output (sent as application/json, as the kubelet does), else the error text. */
  status: number;
  body: string;
}

export interface LogOptions {
  tailLines?: number;
  timestamps?: boolean;
  previous?: boolean;
  /** Epoch ms: only lines written at or after it (sinceSeconds / sinceTime). */
  sinceMs?: number;
}

export interface ContainerRuntime {
  /**
   * Takes over an upgrade request (WebSocket or SPDY) that passed authorization and whose pod and
   * container exist on this node; answers the handshake itself (101 or an error) on `socket`.
   * A bearer-token WebSocket subprotocol has already been removed from
   * `req.headers['sec-websocket-protocol']`, as the kubelet's authenticator does.
   */
  handleStream(kind: StreamKind, req: IncomingMessage, socket: Duplex, head: Buffer, target: ContainerTarget, query: URLSearchParams): void;
  /** POST /run: `command` is the `cmd` query parameter split on spaces (legacy kubelet behaviour). */
  run(target: ContainerTarget, command: string[]): Promise<RunResult>;
  /** What the container wrote to stdout/stderr; undefined when there is no such (previous) instance. */
  logs(target: ContainerTarget, opts: LogOptions): string | undefined;
  /** Ends every open session: the kubelet is stopping. */
  close?(): void;
}

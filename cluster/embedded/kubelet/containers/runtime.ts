// The container runtime behind one emulated kubelet: what /exec, /attach, /portForward, /run and
// /containerLogs reach once the kubelet's auth filter let the request through. It answers in
// the order the real chain does: the kubelet's handler (options, pod, container), the kubelet's
// upgrade-aware proxy (or, on 1.36, its own WebSocket v5 translator), then the CRI streaming
// server's handshake, and only then runs anything. No host process, file or socket is touched.

import type { IncomingMessage } from 'node:http';
import { machine, release, version } from 'node:os';
import type { Duplex } from 'node:stream';
import { MAX_STREAM_MESSAGE_BYTES } from '../../spdy/frames.js';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ContainerRuntime, ContainerTarget, LogOptions, RunResult, StreamKind } from '../container-runtime.js';
import { restfulErrorString, type PlainResponse } from '../plain-response.js';
import type { ClusterObjects, IssuePodToken } from './cluster-objects.js';
import { mainProcessOutput, renderLogs } from './container-logs.js';
import type { DnsSettings } from './container-fs.js';
import { SimulatedContainer } from './container.js';
import { capturePathStates, restorePathStates, type PathState } from './fs/fs-changes.js';
import type { LogLine } from './image/app-logs.js';
import { podView, type PodView } from './pod-view.js';
import { runLive } from './shell/drive.js';
import { prepareExec } from './shell/launch.js';
import type { Kernel } from './shell/system.js';
import { openChannelSocket } from './streaming/channels.js';
import { startExecSession, type ExecSessionInput } from './streaming/exec-session.js';
import { goQuote } from './streaming/go-format.js';
import {
  CRI_EXEC_PROTOCOLS,
  negotiate,
  PORT_FORWARD_PROTOCOLS,
  spdyHandshake,
  spdySwitchingProtocols,
  spdyTunnelNotEmulated,
  SUBPROTOCOL_REFUSED,
  TRANSLATED_EXEC_PROTOCOLS,
  upgradeRequired,
  webSocketRefusal,
  type ChannelProtocol,
} from './streaming/handshake.js';
import { startPortForwardSession } from './streaming/port-forward-session.js';
import { serveSpdyExecStreams, serveSpdyPortForward } from './streaming/spdy-sessions.js';
import { fromPlain, writeRaw, type RawResponse } from './streaming/raw-response.js';
import { isWebSocketRequest, offeredSubprotocols, parseForwardedPorts, parseStreamOptions, type Parsed, type StreamOptions } from './streaming/stream-request.js';

export interface ContainerRuntimeOptions {
  /** The node this kubelet runs: only pods bound to it exist here. */
  nodeName: string;
  objects: ClusterObjects;
  /** Issues the pod-bound ServiceAccount tokens of projected volumes (see token-issuer.ts). */
  issueToken: IssuePodToken;
  /** KubeletConfiguration featureGates: ExtendWebSocketsToKubelet (1.36: beta, on) lets the kubelet serve v5 itself. */
  extendWebSocketsToKubelet: boolean;
  /** The kubelet's version, e.g. "v1.31.14" (probe user agents in logs). */
  kubeletVersion: string;
  /** clusterDNS / clusterDomain of the KubeletConfiguration. */
  dns?: DnsSettings;
  clock?: () => Date;
  kernel?: Kernel;
  /** Longest real wait a `sleep` in a session or /run may cause (sleep 3600 must not hang a lab). */
  maxSleepMs?: number;
}

const DEFAULT_DNS: DnsSettings = { servers: ['10.96.0.10'], domain: 'cluster.local' };
const SPDY_PORT_FORWARD_TUNNEL = 'SPDY/3.1+portforward.k8s.io';

/** What processes changed inside one container: kept across a restart of the cluster. */
export interface ContainerState {
  namespace: string;
  pod: string;
  /** A pod re-created under the same name starts with fresh containers. */
  podUid: string;
  container: string;
  files: PathState[];
}

interface Tracked {
  uid: string;
  container: SimulatedContainer;
  /** Everything the main process printed, with when. */
  output: LogLine[];
}

/** The connection a stream switches to: WebSocket channels, or SPDY streams. */
type Transport = { kind: 'websocket'; protocol: ChannelProtocol } | { kind: 'spdy'; protocol: string };

type StreamPlan =
  | { kind: 'exec' | 'attach'; transport: Transport; options: StreamOptions; container: SimulatedContainer; argv?: string[]; translated: boolean }
  | { kind: 'portForward'; transport: Transport; pod: PodView; ports: number[] };

/** The SPDY protocols whose final status is JSON (v4); the older ones send a failure's text. */
const SPDY_JSON_STATUS = new Set(['v4.channel.k8s.io']);

const text = (status: number, message: string): RawResponse => fromPlain(restfulErrorString(status, message));

export class SimulatedContainerRuntime implements ContainerRuntime {
  private readonly containers = new Map<string, Tracked>();
  /** Restored container states, put back when the container is first needed. */
  private readonly saved = new Map<string, ContainerState>();
  private stateListener: (() => void) | undefined;
  // kubectl sends at most 32 KiB per message; ws would otherwise buffer up to 100 MiB of one peer's.
  private readonly server = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_STREAM_MESSAGE_BYTES });
  private readonly clock: () => Date;
  private readonly kernel: Kernel;
  private readonly dns: DnsSettings;
  private readonly maxSleepMs: number;

  constructor(private readonly options: ContainerRuntimeOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.kernel = options.kernel ?? { release: release(), version: version(), machine: machine() };
    this.dns = options.dns ?? DEFAULT_DNS;
    this.maxSleepMs = options.maxSleepMs ?? 5000;
  }

  // ---- containers -----------------------------------------------------------------------------

  /** GetPodByName: a pod this kubelet runs (bound to its node). */
  private pod(namespace: string, name: string): PodView | undefined {
    const object = this.options.objects.pod(namespace, name);
    if (!object) return undefined;
    const pod = podView(object);
    return pod.spec.nodeName === this.options.nodeName ? pod : undefined;
  }

  /** findContainer: a running container of the pod (a uid in the path must match). */
  private container(pod: PodView, name: string, uid: string | undefined): Tracked | undefined {
    if (uid && uid !== pod.uid) return undefined;
    const spec = pod.spec.containers?.find((c) => c.name === name);
    const running = pod.status.containerStatuses?.find((s) => s.name === name)?.state?.running;
    if (!spec || !running) return undefined;
    const key = `${pod.namespace}/${pod.name}/${name}`;
    const known = this.containers.get(key);
    if (known?.uid === pod.uid) return known;
    const container = new SimulatedContainer({ pod, spec, objects: this.options.objects, nodeName: this.options.nodeName, dns: this.dns, kernel: this.kernel, clock: this.clock });
    // The main process ran before anyone could exec in: its output and its files exist already.
    const output = mainProcessOutput(container, {
      startedAt: this.startedAt(pod, name),
      nodeName: this.options.nodeName,
      kubeMinor: this.options.kubeletVersion.replace(/^v/, '').split('.').slice(0, 2).join('.'),
    });
    const saved = this.saved.get(key);
    this.saved.delete(key);
    if (saved?.podUid === pod.uid) restorePathStates(container.fs, saved.files);
    container.fs.onChange(() => this.stateListener?.());
    const tracked: Tracked = { uid: pod.uid, container, output };
    this.containers.set(key, tracked);
    return tracked;
  }

  // ---- state across restarts ------------------------------------------------------------------

  /** What processes changed in each container of a pod that still exists here. */
  containerStates(): ContainerState[] {
    const states: ContainerState[] = [];
    const current = (namespace: string, pod: string, podUid: string) => this.pod(namespace, pod)?.uid === podUid;
    for (const { uid, container } of this.containers.values()) {
      const files = capturePathStates(container.fs);
      if (files.length > 0 && current(container.pod.namespace, container.pod.name, uid)) {
        states.push({ namespace: container.pod.namespace, pod: container.pod.name, podUid: uid, container: container.spec.name, files });
      }
    }
    for (const state of this.saved.values()) if (current(state.namespace, state.pod, state.podUid)) states.push(state);
    return states;
  }

  /** Container states from a snapshot: each comes back when its container is first needed. */
  restoreContainerStates(states: readonly ContainerState[]): void {
    for (const state of states) this.saved.set(`${state.namespace}/${state.pod}/${state.container}`, state);
  }

  /** Called after every change a process makes inside a container; one listener. */
  onStateChange(listener: () => void): void {
    this.stateListener = listener;
  }

  private startedAt(pod: PodView, name: string): Date {
    const started = pod.status.containerStatuses?.find((s) => s.name === name)?.state?.running?.startedAt ?? pod.object.metadata.creationTimestamp;
    return started ? new Date(started) : this.clock();
  }

  private sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.min(Math.max(ms, 0), this.maxSleepMs));
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  // ---- streaming ------------------------------------------------------------------------------

  /** Decides, as the kubelet's handlers do, whether and how a streaming request proceeds. */
  private plan(kind: StreamKind, req: IncomingMessage, target: ContainerTarget, query: URLSearchParams): { reject: RawResponse } | { accept: StreamPlan } {
    const webSocket = isWebSocketRequest(req);
    const offered = offeredSubprotocols(req);
    if (kind === 'portForward') {
      const tunnel = this.options.extendWebSocketsToKubelet && webSocket && offered.includes(SPDY_PORT_FORWARD_TUNNEL);
      const ports: Parsed<number[]> = tunnel ? { ok: true, value: [] } : parseForwardedPorts(query, webSocket);
      if (!ports.ok) return { reject: text(400, ports.error) };
      const pod = this.pod(target.namespace, target.pod);
      if (!pod) return { reject: text(404, 'pod does not exist') };
      if (target.uid && target.uid !== pod.uid) return { reject: text(404, 'pod not found') };
      // 1.36's kubelet tunnels SPDY inside the WebSocket itself.
      if (tunnel) return { reject: spdyTunnelNotEmulated() };
      const refusal = upgradeRequired(req) ?? (webSocket ? webSocketRefusal(req) : undefined);
      if (refusal) return { reject: refusal };
      const transport = this.transport(req, webSocket, offered, PORT_FORWARD_PROTOCOLS, 'portforward');
      return 'reject' in transport ? transport : { accept: { kind, transport, pod, ports: ports.value } };
    }

    const options = parseStreamOptions(query);
    if (!options.ok) return { reject: text(400, options.error) };
    const pod = this.pod(target.namespace, target.pod);
    if (!pod) return { reject: text(404, 'pod does not exist') };
    const tracked = this.container(pod, target.container, target.uid);
    if (!tracked) return { reject: text(500, `container not found (${goQuote(target.container)})`) };
    const translated = this.options.extendWebSocketsToKubelet && webSocket && offered.includes('v5.channel.k8s.io');
    const refusal = translated ? webSocketRefusal(req) : (upgradeRequired(req) ?? (webSocket ? webSocketRefusal(req) : undefined));
    if (refusal) return { reject: refusal };
    const transport = this.transport(req, webSocket, offered, translated ? TRANSLATED_EXEC_PROTOCOLS : CRI_EXEC_PROTOCOLS, 'remotecommand');
    if ('reject' in transport) return transport;
    const argv = kind === 'exec' ? query.getAll('command') : undefined;
    return { accept: { kind, transport, options: options.value, container: tracked.container, translated, ...(argv ? { argv } : {}) } };
  }

  /** The subprotocol a WebSocket negotiates, or the SPDY handshake's answer. */
  private transport(
    req: IncomingMessage,
    webSocket: boolean,
    offered: readonly string[],
    channelProtocols: readonly ChannelProtocol[],
    spdyKind: 'remotecommand' | 'portforward',
  ): Transport | { reject: RawResponse } {
    if (!webSocket) {
      const spdy = spdyHandshake(req, spdyKind);
      return 'reject' in spdy ? spdy : { kind: 'spdy', protocol: spdy.protocol };
    }
    const protocol = negotiate(offered, channelProtocols);
    return protocol ? { kind: 'websocket', protocol } : { reject: SUBPROTOCOL_REFUSED };
  }

  /**
   * Takes over a streaming request on its raw socket. The kubelet server sends only upgrades whose
   * pod and container it checked; every check is made again here, so any request gets the answer
   * the real chain would give (a plain request: "Upgrade request required").
   */
  handleStream(kind: StreamKind, req: IncomingMessage, socket: Duplex, head: Buffer, target: ContainerTarget, query: URLSearchParams): void {
    const planned = this.plan(kind, req, target, query);
    if ('reject' in planned) {
      writeRaw(socket, planned.reject, this.clock());
      return;
    }
    const plan = planned.accept;
    void this.prepareTokens(plan).then(() => this.upgrade(req, socket, head, plan));
  }

  private async prepareTokens(plan: StreamPlan): Promise<void> {
    if (plan.kind !== 'portForward') await plan.container.refreshTokens(this.options.issueToken);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, plan: StreamPlan): void {
    const { transport } = plan;
    if (transport.kind === 'spdy') {
      this.upgradeSpdy(socket, head, plan, transport.protocol);
      return;
    }
    // The subprotocol is already negotiated (x/net/websocket rules, which ws does not share):
    // hand ws just that one, or none for the "" protocol.
    if (transport.protocol.name) req.headers['sec-websocket-protocol'] = transport.protocol.name;
    else delete req.headers['sec-websocket-protocol'];
    this.server.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (plan.kind === 'portForward') {
        startPortForwardSession(ws, transport.protocol, plan.pod, plan.ports);
        return;
      }
      startExecSession({
        ...this.sessionInput(plan),
        link: (events) => openChannelSocket(ws, transport.protocol, events, plan.options),
        statusFormat: transport.protocol.statusFormat,
        writer: plan.translated ? 'translator' : 'cri',
      });
    });
  }

  /** The 101, then SPDY/3.1 on the socket: the CRI server's httpstream side. */
  private upgradeSpdy(socket: Duplex, head: Buffer, plan: StreamPlan, protocol: string): void {
    if (socket.destroyed) return;
    socket.write(spdySwitchingProtocols(protocol, this.clock()));
    if (head.length) socket.unshift(head);
    if (plan.kind === 'portForward') {
      serveSpdyPortForward(socket, plan.pod);
      return;
    }
    serveSpdyExecStreams(socket, plan.options, (link) =>
      startExecSession({ ...this.sessionInput(plan), link, statusFormat: SPDY_JSON_STATUS.has(protocol) ? 'json' : 'text', writer: 'cri' }),
    );
  }

  private sessionInput(plan: Extract<StreamPlan, { kind: 'exec' | 'attach' }>): Pick<ExecSessionInput, 'options' | 'container' | 'argv' | 'sleep'> {
    return { options: plan.options, container: plan.container, ...(plan.argv ? { argv: plan.argv } : {}), sleep: this.sleep };
  }

  // ---- run and logs ---------------------------------------------------------------------------

  /**
   * POST /run: ExecSync. `command` is the `cmd` parameter split on single spaces (the kubelet
   * does strings.Split(cmd, " "), no shell parsing). Output is stdout then stderr, sent as
   * application/json (sic) when there is any.
   */
  async run(target: ContainerTarget, command: string[]): Promise<RunResult & PlainResponse> {
    const pod = this.pod(target.namespace, target.pod);
    if (!pod) return restfulErrorString(404, 'pod does not exist');
    const tracked = this.container(pod, target.container, target.uid);
    if (!tracked) return restfulErrorString(500, `container not found (${goQuote(target.container)})`);
    const { container } = tracked;
    await container.refreshTokens(this.options.issueToken);
    const prepared = prepareExec(container, { argv: command, env: container.env, cwd: container.cwd, tty: false });
    if (prepared.kind === 'startFailed') return restfulErrorString(500, `rpc error: code = Unknown desc = ${prepared.message}`);
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => void (stdout += t) }, stderr: { write: (t: string) => void (stderr += t) } };
    // ExecSync has no stdin: a shell reading commands from it finds none and exits 0.
    const program = prepared.kind === 'shell' ? prepared.shell.runScript('', io) : prepared.run(io);
    const code = (await runLive(program, { sleep: this.sleep, readStdin: async () => '' }, new AbortController().signal)) ?? 0;
    if (code !== 0) return restfulErrorString(500, `command '${command.join(' ')}' exited with ${code}: ${stderr}`);
    const output = stdout + stderr;
    return output ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: output } : { status: 200, headers: {}, body: '' };
  }

  /**
   * GET /containerLogs: the container's output, or undefined when there is none to give: no such
   * pod or container here, a container that is not running, or `previous` with no terminated
   * instance (the kubelet answers 400 `previous terminated container "<c>" in pod "<p>" not found`).
   */
  logs(target: ContainerTarget, opts: LogOptions): string | undefined {
    const pod = this.pod(target.namespace, target.pod);
    if (!pod || opts.previous) return undefined;
    const tracked = this.container(pod, target.container, target.uid);
    if (!tracked) return undefined;
    return renderLogs(tracked.output, this.startedAt(pod, target.container), this.clock(), opts);
  }

  /** Closes every open session (kubelet shutdown). */
  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }
}

// kube-apiserver's StreamTranslatorHandler (TranslateStreamCloseWebsocketRequests, beta since
// 1.30): kubectl's WebSocket with v5.channel.k8s.io is answered here, and the command runs through
// the kubelet over SPDY, as client-go's SPDY executor drives it (POST, X-Stream-Protocol-Version
// v5..v1, one stream per channel). The WebSocket is upgraded first, so whatever goes wrong with
// the kubelet afterwards reaches kubectl as a Status on the error channel.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { SpdyConnection, type SpdyStream } from '../../spdy/connection.js';
import { readResponseBody, readResponseHead, writeUpgradeRequest } from '../../spdy/http-upgrade.js';
import { openChannelSocket, type ChannelSocket } from '../../kubelet/containers/streaming/channels.js';
import { internalError, retranslatedStatus, type ExecStatus } from '../../kubelet/containers/streaming/exec-status.js';
import { goJson } from '../../kubelet/containers/streaming/go-format.js';
import { TRANSLATED_EXEC_PROTOCOLS } from '../../kubelet/containers/streaming/handshake.js';
import { goQuote } from '../authorization/go-quote.js';
import { dialErrorText, type KubeletAddress } from '../node-proxy.js';
import type { StreamOptions } from './stream-options.js';

export const STREAM_CLOSE_PROTOCOL = 'v5.channel.k8s.io';
const V5 = TRANSLATED_EXEC_PROTOCOLS[0]!;
/** What NewSPDYExecutorForTransports offers the kubelet. */
const SPDY_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;

/** Where the translated stream goes: a kubelet, dialled as the API server. */
export interface KubeletStream {
  address: KubeletAddress;
  /** Path and query on the kubelet. */
  target: string;
  connect(): Promise<Duplex>;
}

/** Upgrades the client's WebSocket, then relays it to the kubelet; the session ends with a Status. */
export function translateStream(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, kubelet: KubeletStream, options: StreamOptions): void {
  // wsstream's handshake: the one protocol this server speaks, whatever else the client offers.
  req.headers['sec-websocket-protocol'] = STREAM_CLOSE_PROTOCOL;
  wss.handleUpgrade(req, socket, head, (ws) => void new Translation(ws, kubelet, options).run());
}

class Translation {
  private readonly channels: ChannelSocket;
  /** What the client sent on stdin before the kubelet's stream existed; null is its close. */
  private readonly stdinBacklog: (Buffer | null)[] = [];
  private stdin: SpdyStream | undefined;
  private resize: SpdyStream | undefined;
  private spdy: SpdyConnection | undefined;
  private clientGone = false;

  constructor(
    ws: WebSocket,
    private readonly kubelet: KubeletStream,
    private readonly options: StreamOptions,
  ) {
    this.channels = openChannelSocket(
      ws,
      V5,
      {
        data: (channel, data) => {
          if (channel === STDIN && options.stdin) this.toStdin(data);
          else if (channel === RESIZE) this.resize?.write(data);
        },
        halfClose: (channel) => {
          if (channel === STDIN && options.stdin) this.toStdin(null);
        },
        closed: () => {
          this.clientGone = true;
          this.spdy?.close();
        },
      },
      options,
    );
  }

  async run(): Promise<void> {
    const status = await this.relay();
    this.spdy?.close();
    if (this.clientGone) return;
    this.channels.write(ERROR, goJson(status));
    this.channels.close();
  }

  private toStdin(data: Buffer | null): void {
    if (!this.stdin) this.stdinBacklog.push(data);
    else if (data === null) this.stdin.end();
    else this.stdin.write(data);
  }

  /** spdyExecutor.StreamWithContext, then the translator's wording of how it ended. */
  private async relay(): Promise<ExecStatus> {
    const { address, target } = this.kubelet;
    const url = `https://${address.host}:${address.port}${target}`;
    let socket: Duplex;
    try {
      socket = await this.kubelet.connect();
    } catch (err) {
      return internalError(`error sending request: Post ${goQuote(url)}: ${dialErrorText(address, err as Error)}`);
    }
    if (this.clientGone) {
      socket.destroy();
      return internalError('context canceled');
    }
    writeUpgradeRequest(socket, {
      method: 'POST',
      target,
      headers: [
        ['Host', `${address.host}:${address.port}`],
        ['User-Agent', 'Go-http-client/1.1'],
        ['Content-Length', '0'],
        ['Connection', 'Upgrade'],
        ['Upgrade', 'SPDY/3.1'],
        ...SPDY_PROTOCOLS.map((p): [string, string] => ['X-Stream-Protocol-Version', p]),
      ],
    });
    let head;
    try {
      head = await readResponseHead(socket);
    } catch (err) {
      return internalError(`error sending request: Post ${goQuote(url)}: ${(err as Error).message}`);
    }
    const upgraded = head.status === 101 && (head.headers.get('upgrade') ?? []).some((v) => v.toLowerCase().includes('spdy/3.1'));
    if (!upgraded) {
      const body = (await readResponseBody(socket, head)).toString('utf8');
      socket.destroy();
      return upgradeFailure(body);
    }
    this.spdy = new SpdyConnection(socket, 'client');
    return this.stream(this.spdy);
  }

  /** streamProtocolV4: create the streams, copy both ways, then read the status. */
  private async stream(spdy: SpdyConnection): Promise<ExecStatus> {
    const { stdin, stdout, stderr, tty } = this.options;
    try {
      const error = await spdy.openStream({ streamType: 'error' });
      const input = stdin ? await spdy.openStream({ streamType: 'stdin' }) : undefined;
      const out = stdout ? await spdy.openStream({ streamType: 'stdout' }) : undefined;
      const err = stderr && !tty ? await spdy.openStream({ streamType: 'stderr' }) : undefined;
      if (tty) this.resize = await spdy.openStream({ streamType: 'resize' });
      error.end(); // the client never writes on the error stream
      // Stdin flows once every stream is open, what waited first, in order.
      this.stdin = input;
      for (const data of this.stdinBacklog.splice(0)) this.toStdin(data);
      const status = readAll(error);
      await Promise.all([out && this.copy(out, STDOUT), err && this.copy(err, STDERR)]);
      return retranslatedStatus((await status).toString('utf8'));
    } catch (e) {
      return internalError((e as Error).message);
    }
  }

  private copy(stream: SpdyStream, channel: number): Promise<void> {
    return new Promise((resolve) => {
      stream.on('data', (data: Buffer) => this.channels.write(channel, data));
      stream.on('end', resolve);
    });
  }
}

/**
 * SpdyRoundTripper.NewConnection on an answer that is not a switch to SPDY: a Status body is
 * that Status, anything else "unable to upgrade connection: <body>", an internal error here.
 */
function upgradeFailure(body: string): ExecStatus {
  try {
    const parsed = JSON.parse(body) as { kind?: string; status?: string };
    if (parsed.kind === 'Status' && (parsed.status === 'Failure' || parsed.status === 'Success')) {
      const { kind: _kind, apiVersion: _apiVersion, ...status } = parsed as ExecStatus & { kind: string; apiVersion?: string };
      return status;
    }
  } catch {
    // not a Status: the text below
  }
  return internalError(`unable to upgrade connection: ${body.trim()}`);
}

function readAll(stream: SpdyStream): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

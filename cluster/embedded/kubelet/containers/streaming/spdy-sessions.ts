// The CRI streaming server's SPDY side (remotecommand/httpstream.go, portforward/httpstream.go),
// after the 101: the client opens one stream per channel, named by its streamType header.
// exec/attach starts once every stream its options call for is open; port-forward pairs a data
// and an error stream per forwarded connection, by requestID.

import type { Duplex } from 'node:stream';
import { SpdyConnection, type SpdyStream } from '../../../spdy/connection.js';
import type { PodView } from '../pod-view.js';
import type { ChannelEvents } from './channels.js';
import type { ChannelLink } from './exec-session.js';
import { refusedForwardMessage } from './port-forward-session.js';
import type { StreamOptions } from './stream-request.js';

/** streamType header values and the channel numbers the session uses for them. */
const CHANNELS: Readonly<Record<string, number>> = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4 };
const STDIN = 0;
/** DefaultStreamCreationTimeout: a client that has not opened its streams by then is hung up on. */
const STREAM_CREATION_TIMEOUT_MS = 30_000;

/** v4ProtocolHandler.waitForStreams: error, plus stdin/stdout, plus resize with a tty or stderr without. */
function expectedStreams(options: StreamOptions): number {
  return 1 + Number(options.stdin) + Number(options.stdout) + Number(options.tty || options.stderr);
}

/**
 * Serves exec/attach over SPDY on an upgraded socket: once the streams are open, `start` gets a
 * link for the session. Streams of unknown types are accepted and ignored, as the CRI server does.
 */
export function serveSpdyExecStreams(socket: Duplex, options: StreamOptions, start: (link: (events: ChannelEvents) => ChannelLink) => void): void {
  const streams = new Map<number, SpdyStream>();
  const timeout = setTimeout(() => connection.close(), STREAM_CREATION_TIMEOUT_MS);
  const connection = new SpdyConnection(socket, 'server', {
    accepts: () => true,
    opened(stream) {
      const channel = CHANNELS[stream.header('streamType')];
      if (channel === undefined || streams.has(channel)) return;
      streams.set(channel, stream);
      if (streams.size !== expectedStreams(options)) return;
      clearTimeout(timeout);
      start(link);
    },
  });
  connection.onClose(() => clearTimeout(timeout));
  const link = (events: ChannelEvents): ChannelLink => {
    for (const [channel, stream] of streams) {
      // Reading starts only now: what the client sent before the session existed waited in the stream.
      stream.on('data', (data: Buffer) => events.data(channel, data));
      if (channel === STDIN) stream.on('end', () => events.halfClose(STDIN));
    }
    connection.onClose(() => events.closed());
    return {
      write: (channel, data) => void streams.get(channel)?.write(data),
      close: () => connection.close(),
      get isOpen() {
        return !connection.isClosed;
      },
    };
  };
}

/** httpStreamReceived: the port and streamType headers every port-forward stream must carry. */
function validPortStream(stream: SpdyStream): boolean {
  const port = stream.header('port');
  if (!/^[0-9]+$/.test(port) || Number(port) < 1 || Number(port) > 0xffff) return false;
  return ['error', 'data'].includes(stream.header('streamType'));
}

/**
 * requestID: the header, or for clients that send none, the error stream's id (the data stream
 * follows it, two ids later).
 */
function requestId(stream: SpdyStream): string {
  const header = stream.header('requestID');
  if (header) return header;
  return String(stream.header('streamType') === 'error' ? stream.id : stream.id - 2);
}

/**
 * Serves port-forward over SPDY: every complete data/error pair is one forwarded connection. The
 * dial inside the pod's network namespace is refused (kubelab has no pod network), so each pair
 * gets the runtime's error on its error stream, and both streams close.
 */
export function serveSpdyPortForward(socket: Duplex, pod: PodView): void {
  const pairs = new Map<string, { data?: SpdyStream; error?: SpdyStream }>();
  new SpdyConnection(socket, 'server', {
    accepts: validPortStream,
    opened(stream) {
      const id = requestId(stream);
      const pair = pairs.get(id) ?? {};
      pairs.set(id, pair);
      if (stream.header('streamType') === 'data') pair.data = stream;
      else pair.error = stream;
      stream.resume(); // nothing reads what the client sends: the dial never succeeds
      if (!pair.data || !pair.error) return;
      pairs.delete(id);
      pair.error.end(refusedForwardMessage(pod, Number(pair.data.header('port'))));
      pair.data.end();
    },
  });
}

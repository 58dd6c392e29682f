// exec/attach and port-forward over SPDY/3.1, as client-go's SPDY executor and port-forwarder
// drive the CRI streaming server: streams named by streamType, stdin half-closed with a FIN, the
// status on the error stream.

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpdyConnection, type SpdyStream } from '../../../spdy/connection.js';
import { readResponseBody, readResponseHead, writeUpgradeRequest, type ResponseHead } from '../../../spdy/http-upgrade.js';
import { cluster, runtimeFor, serve } from '../test-support.js';

let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await serve(runtimeFor(cluster()));
});
afterAll(() => server.close());

async function upgrade(path: string, protocols: string[]): Promise<{ head: ResponseHead; socket: ReturnType<typeof connect> }> {
  const [host, port] = server.url.split(':');
  const socket = connect(Number(port), host!);
  await new Promise((r) => socket.once('connect', r));
  writeUpgradeRequest(socket, {
    method: 'POST',
    target: path,
    headers: [['Host', 'kubelet'], ['Connection', 'Upgrade'], ['Upgrade', 'SPDY/3.1'], ...protocols.map((p): [string, string] => ['X-Stream-Protocol-Version', p])],
  });
  return { head: await readResponseHead(socket), socket };
}

const collect = (stream: SpdyStream) =>
  new Promise<string>((resolve) => {
    let text = '';
    stream.on('data', (d: Buffer) => (text += d.toString()));
    stream.on('end', () => resolve(text));
  });

describe('exec over SPDY', () => {
  it('switches protocols with the first offered protocol the CRI server speaks', async () => {
    const { head, socket } = await upgrade('/exec/team-a/web/shell?command=true&output=1', ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io']);
    expect(head.status).toBe(101);
    expect(head.headers.get('upgrade')).toEqual(['SPDY/3.1']);
    expect(head.headers.get('x-stream-protocol-version')).toEqual(['v4.channel.k8s.io']);
    socket.destroy();
  });

  it('runs the command once its streams are open: stdin until FIN, stdout, then the v4 status', async () => {
    const { socket } = await upgrade(`/exec/team-a/web/shell?command=sh&command=-c&command=${encodeURIComponent('cat; echo oops >&2; exit 3')}&input=1&output=1&error=1`, ['v4.channel.k8s.io']);
    const client = new SpdyConnection(socket, 'client');
    const error = await client.openStream({ streamType: 'error' });
    const stdin = await client.openStream({ streamType: 'stdin' });
    const stdout = await client.openStream({ streamType: 'stdout' });
    const stderr = await client.openStream({ streamType: 'stderr' });
    const [out, err, status] = [collect(stdout), collect(stderr), collect(error)];
    stdin.end('hi\n');
    expect(await out).toBe('hi\n');
    expect(await err).toBe('oops\n');
    expect(JSON.parse(await status)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c cat; echo oops >&2; exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('pre-v4 protocols get a failure as bare text', async () => {
    const { socket } = await upgrade('/exec/team-a/web/shell?command=false&output=1', ['v3.channel.k8s.io']);
    const client = new SpdyConnection(socket, 'client');
    const error = await client.openStream({ streamType: 'error' });
    await client.openStream({ streamType: 'stdout' });
    expect(await collect(error)).toBe('command terminated with non-zero exit code: error executing command [false], exit code 1');
  });
});

describe('port-forward over SPDY', () => {
  it('answers every data/error pair with the refused dial, on the error stream', async () => {
    const { head, socket } = await upgrade('/portForward/team-a/web', ['portforward.k8s.io']);
    expect(head.headers.get('x-stream-protocol-version')).toEqual(['portforward.k8s.io']);
    const client = new SpdyConnection(socket, 'client');
    const error = await client.openStream({ streamType: 'error', port: '8080', requestID: '0' });
    error.end();
    const data = await client.openStream({ streamType: 'data', port: '8080', requestID: '0' });
    const [message, dataEnd] = [collect(error), collect(data)];
    expect(await message).toMatch(/^error forwarding port 8080 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[-0-9a-f]+": failed to connect to localhost:8080 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:8080: connect: connection refused /);
    expect(await dataEnd).toBe('');
    await expect(client.openStream({ streamType: 'data' })).rejects.toThrow('stream reset');
  });

  it('a SPDY upgrade without protocols is refused as the kubelet proxy reports it', async () => {
    const { head, socket } = await upgrade('/portForward/team-a/web', []);
    expect(head.status).toBe(500);
    expect((await readResponseBody(socket, head)).toString()).toBe('invalid upgrade response: status code 200\n');
  });
});

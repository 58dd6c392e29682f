import { createServer, connect, type Socket } from 'node:net';
import { constants, createDeflate, inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SpdyConnection, type SpdyStream } from './connection.js';
import { SPDY3_DICTIONARY } from './dictionary.js';
import { FrameReader, pingFrame } from './frames.js';
import { decodeHeaderBlock, encodeHeaderBlock, HeaderCompressor, HeaderDecompressor } from './header-block.js';

/** Compresses blocks the way Go's spdy framer does: one zlib stream, best compression, a sync flush per block. */
async function goStyleBlocks(blocks: Buffer[]): Promise<Buffer[]> {
  const deflate = createDeflate({ level: 9, dictionary: SPDY3_DICTIONARY });
  const out: Buffer[] = [];
  for (const block of blocks) {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => chunks.push(c);
    deflate.on('data', onData);
    deflate.write(block);
    await new Promise<void>((done) => deflate.flush(constants.Z_SYNC_FLUSH, () => done()));
    deflate.off('data', onData);
    out.push(Buffer.concat(chunks));
  }
  deflate.close();
  return out;
}

const block = (entries: [string, string[]][]) => encodeHeaderBlock(new Map(entries));

describe('header blocks', () => {
  it('reads consecutive blocks of one compressed stream, as Go writes them', async () => {
    const first = block([['streamtype', ['error']], ['port', ['80']]]);
    const second = block([['streamtype', ['data']], ['port', ['80']], ['requestid', ['0']]]);
    const [a, b] = await goStyleBlocks([first, second]);
    const reader = new HeaderDecompressor();
    expect(decodeHeaderBlock(reader.decompress(a!))).toEqual(new Map([['streamtype', ['error']], ['port', ['80']]]));
    expect(decodeHeaderBlock(reader.decompress(b!)).get('streamtype')).toEqual(['data']);
  });

  it('writes a stream a zlib reader with the SPDY dictionary accepts, block after block', () => {
    const writer = new HeaderCompressor();
    const first = writer.compress(block([['Streamtype', ['stdin']]]));
    const second = writer.compress(block([['x', ['a', 'b']]]));
    const inflated = inflateSync(Buffer.concat([first, second]), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const firstLength = block([['streamtype', ['stdin']]]).length;
    expect(decodeHeaderBlock(inflated.subarray(0, firstLength))).toEqual(new Map([['streamtype', ['stdin']]]));
    expect(decodeHeaderBlock(inflated.subarray(firstLength))).toEqual(new Map([['x', ['a', 'b']]]));
  });

  it('ends every block with a sync flush, or Go\'s reader would hold its bytes back until the next frame', () => {
    const writer = new HeaderCompressor();
    for (const b of [block([['a', ['1']]]), block([])]) expect(writer.compress(b).subarray(-5)).toEqual(Buffer.from([0, 0, 0, 0xff, 0xff]));
  });

  it('refuses a block whose lengths run past its end', () => {
    expect(() => decodeHeaderBlock(Buffer.from([0, 0, 0, 1, 0, 0, 0, 9, 97]))).toThrow('shorter than its lengths say');
  });
});

describe('a connection', () => {
  const sockets: Socket[] = [];
  afterEach(() => sockets.splice(0).forEach((s) => s.destroy()));

  /** A client and a server connection over a real TCP socket pair; the server keeps what it accepts. */
  async function pair(accepts: (s: SpdyStream) => boolean = () => true) {
    const accepted: SpdyStream[] = [];
    let server!: SpdyConnection;
    const listening = createServer((socket) => {
      sockets.push(socket);
      server = new SpdyConnection(socket, 'server', { accepts, opened: (s) => accepted.push(s) });
    });
    await new Promise<void>((r) => listening.listen(0, '127.0.0.1', r));
    const port = (listening.address() as { port: number }).port;
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    await new Promise((r) => socket.once('connect', r));
    listening.close();
    while (!server) await new Promise((r) => setTimeout(r, 5));
    return { client: new SpdyConnection(socket, 'client'), server: () => server, accepted, socket };
  }

  const readAll = (s: SpdyStream) =>
    new Promise<string>((resolve) => {
      let text = '';
      s.on('data', (d: Buffer) => (text += d.toString()));
      s.on('end', () => resolve(text));
    });

  it('opens streams with headers, carries data both ways and half-closes with FIN', async () => {
    const { client, accepted } = await pair();
    const stdin = await client.openStream({ streamType: 'stdin' });
    const stdout = await client.openStream({ streamType: 'stdout' });
    expect(accepted.map((s) => s.header('streamtype'))).toEqual(['stdin', 'stdout']);
    expect(accepted.map((s) => s.id)).toEqual([1, 3]);
    const received = readAll(accepted[0]!);
    stdin.end('hello\n');
    expect(await received).toBe('hello\n');
    const echoed = readAll(stdout);
    accepted[1]!.end('world\n');
    expect(await echoed).toBe('world\n');
  });

  it('a refused stream rejects its opener; a reset ends the stream for both sides', async () => {
    const { client, accepted } = await pair((s) => s.header('streamtype') !== 'bogus');
    await expect(client.openStream({ streamType: 'bogus' })).rejects.toThrow('stream reset');
    const data = await client.openStream({ streamType: 'data' });
    const ended = readAll(data);
    accepted[0]!.write('partial');
    accepted[0]!.reset();
    expect(await ended).toBe('partial');
  });

  it('echoes the peer\'s pings and ends every stream when the peer closes', async () => {
    const { client, socket, server } = await pair();
    const error = await client.openStream({ streamType: 'error' });
    const reader = new FrameReader();
    const pings: number[] = [];
    socket.on('data', (d: Buffer) => {
      for (const f of reader.push(d)) if (f.kind === 'ping') pings.push(f.id);
    });
    socket.write(pingFrame(7));
    const ended = readAll(error);
    await new Promise((r) => setTimeout(r, 50));
    server().close();
    expect(await ended).toBe('');
    expect(pings).toEqual([7]);
    await new Promise<void>((r) => client.onClose(r));
    expect(client.isClosed).toBe(true);
  });
});

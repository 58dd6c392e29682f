// Our own load generator, run as a child process so it never shares an event loop (or a heap)
// with the server it measures: raw keep-alive TLS connections that write one prepared request
// and read just enough of the answer (status line, Content-Length or the chunked terminator) to
// know it is complete. Much cheaper per request than node:https, which matters on two cores.
// Usage: node node-generator.js '<LoadSpec as JSON>'  →  one LoadSummary as JSON on stdout.

import { connect, type TLSSocket } from 'node:tls';
import { pathToFileURL } from 'node:url';
import { percentile } from '../stats.js';
import type { HttpTarget, LoadSpec, LoadSummary } from './types.js';

const END_OF_HEAD = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');
const DRAIN_TIMEOUT_MS = 5000;

function requestBytes(t: HttpTarget): Buffer {
  const body = Buffer.from(t.body ?? '');
  const headers = { Host: `${t.host}:${t.port}`, ...t.headers, ...(t.body !== undefined ? { 'Content-Length': String(body.length) } : {}) };
  const head = `${t.method} ${t.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** One keep-alive connection: sends when asked, calls back with the status when the answer is complete. */
class Connection {
  private pending: Buffer | undefined;
  private bodyEnd = -1;
  private chunked = false;
  private onAnswer: ((status: number) => void) | undefined;
  readonly ready: Promise<void>;

  constructor(
    private readonly socket: TLSSocket,
    private readonly request: Buffer,
  ) {
    socket.setNoDelay(true);
    this.ready = new Promise((resolve, reject) => {
      socket.once('secureConnect', () => resolve());
      socket.once('error', reject);
    });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => this.finish(0));
    socket.on('close', () => this.finish(0));
  }

  get busy(): boolean {
    return this.onAnswer !== undefined;
  }

  send(onAnswer: (status: number) => void): void {
    this.onAnswer = onAnswer;
    if (this.socket.destroyed) this.finish(0);
    else this.socket.write(this.request);
  }

  close(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    if (this.bodyEnd < 0 && !this.chunked) {
      const headEnd = buf.indexOf(END_OF_HEAD);
      if (headEnd < 0) {
        this.pending = buf;
        return;
      }
      const head = buf.toString('latin1', 0, headEnd).toLowerCase();
      const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
      if (length) this.bodyEnd = headEnd + END_OF_HEAD.length + Number(length[1]);
      else this.chunked = /\r\ntransfer-encoding:\s*chunked/.test(head);
      if (!length && !this.chunked) throw new Error(`an answer without Content-Length or chunked encoding: ${head.split('\r\n')[0]}`);
    }
    const complete = this.chunked ? buf.length >= CHUNKED_END.length && buf.subarray(buf.length - CHUNKED_END.length).equals(CHUNKED_END) : buf.length >= this.bodyEnd;
    if (!complete) {
      this.pending = buf;
      return;
    }
    this.pending = undefined;
    this.bodyEnd = -1;
    this.chunked = false;
    this.finish(Number(buf.toString('latin1', 9, 12)));
  }

  private finish(status: number): void {
    const done = this.onAnswer;
    this.onAnswer = undefined;
    done?.(status);
  }
}

async function open(spec: LoadSpec): Promise<Connection[]> {
  const { target } = spec;
  const request = requestBytes(target);
  const connections = Array.from({ length: spec.shape.connections }, () => {
    const socket = connect({
      host: target.host,
      port: target.port,
      ...(target.tls.ca ? { ca: target.tls.ca } : {}),
      ...(target.tls.cert ? { cert: target.tls.cert, key: target.tls.key } : {}),
      rejectUnauthorized: target.tls.ca !== undefined,
    });
    return new Connection(socket, request);
  });
  await Promise.all(connections.map((c) => c.ready));
  return connections;
}

class Tally {
  readonly latencies: number[] = [];
  readonly lags: number[] = [];
  /** How long each unanswered request had waited when the run ended. */
  private readonly waited: number[] = [];
  errors = 0;

  constructor(
    private readonly expectStatus: number,
    private readonly from: number,
    private readonly until: number,
  ) {}

  /** Counts an answer to a request due (or sent) at `start`, if that falls in the measured window. */
  answer(start: number, status: number): void {
    if (start < this.from || start >= this.until) return;
    if (status === this.expectStatus) this.latencies.push(performance.now() - start);
    else this.errors++;
  }

  /**
   * A request due at `due` (in the window) and never answered: an error, and in the latency
   * figures with the time it waited so far, a lower bound, so an overloaded server shows as one.
   */
  unanswered(due: number): void {
    if (due < this.from || due >= this.until) return;
    this.errors++;
    this.waited.push(performance.now() - due);
  }

  summary(seconds: number, generatorLag: boolean): LoadSummary {
    const answered = this.latencies.length;
    const sorted = [...this.latencies, ...this.waited].sort((a, b) => a - b);
    const summary: LoadSummary = {
      generator: 'node',
      requests: answered,
      errors: this.errors,
      seconds,
      perSecond: answered / seconds,
      latencyMs: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN },
    };
    if (generatorLag) summary.schedulerLagP99Ms = percentile(this.lags.sort((a, b) => a - b), 99);
    return summary;
  }
}

async function closedLoop(spec: LoadSpec, connections: Connection[]): Promise<LoadSummary> {
  const from = performance.now() + spec.warmupSeconds * 1000;
  const until = from + spec.seconds * 1000;
  const tally = new Tally(spec.target.expectStatus, from, until);
  await Promise.all(
    connections.map(
      (c) =>
        new Promise<void>((resolve) => {
          const next = () => {
            const sent = performance.now();
            if (sent >= until) return resolve();
            c.send((status) => {
              tally.answer(sent, status);
              if (status === 0) resolve();
              else next();
            });
          };
          next();
        }),
    ),
  );
  return tally.summary(spec.seconds, false);
}

async function openLoop(spec: LoadSpec & { shape: { kind: 'open' } }, connections: Connection[]): Promise<LoadSummary> {
  const interval = 1000 / spec.shape.ratePerSecond;
  const start = performance.now() + 10;
  const from = start + spec.warmupSeconds * 1000;
  const until = from + spec.seconds * 1000;
  const tally = new Tally(spec.target.expectStatus, from, until);
  const queues: number[][] = connections.map(() => []);
  let outstanding = 0;
  /** Per connection: when the request it is sending now was due. */
  const sending: (number | undefined)[] = connections.map(() => undefined);
  const dispatch = (i: number) => {
    const c = connections[i]!;
    if (c.busy) return;
    const due = queues[i]!.shift();
    if (due === undefined) return;
    tally.lags.push(performance.now() - due);
    sending[i] = due;
    c.send((status) => {
      sending[i] = undefined;
      outstanding--;
      tally.answer(due, status);
      dispatch(i);
    });
  };
  let k = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (let due = start + k * interval; due <= now && due < until; due = start + ++k * interval) {
        const i = k % connections.length;
        queues[i]!.push(due);
        outstanding++;
        if (!connections[i]!.busy) dispatch(i);
      }
      if (start + k * interval >= until) resolve();
      else setTimeout(tick, Math.max(0, start + k * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (outstanding > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  // Requests never answered are failures of the server under this load, not lost samples.
  for (const [i, queue] of queues.entries()) {
    const inFlight = sending[i];
    for (const due of inFlight === undefined ? queue : [inFlight, ...queue]) tally.unanswered(due);
  }
  tally.lags.splice(0, Math.floor((spec.warmupSeconds / (spec.warmupSeconds + spec.seconds)) * tally.lags.length));
  return tally.summary(spec.seconds, true);
}

export async function runNodeGenerator(spec: LoadSpec): Promise<LoadSummary> {
  const connections = await open(spec);
  try {
    return spec.shape.kind === 'open' ? await openLoop({ ...spec, shape: spec.shape }, connections) : await closedLoop(spec, connections);
  } finally {
    for (const c of connections) c.close();
  }
}

const [, script, specJson] = process.argv;
if (script && specJson && import.meta.url === pathToFileURL(script).href) {
  const summary = await runNodeGenerator(JSON.parse(specJson) as LoadSpec);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

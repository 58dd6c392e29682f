// Load generator, run in a worker thread so it does not share the server's event loop:
// `clients` keep-alive HTTPS connections each sending requests back to back for `seconds`.

import { Agent, request } from 'node:https';
import { parentPort, workerData } from 'node:worker_threads';

export interface LoadSpec {
  url: string;
  method: string;
  body?: string;
  headers?: Record<string, string>;
  tls: { ca: string; cert?: string; key?: string; rejectUnauthorized?: boolean };
  clients: number;
  seconds: number;
  expectStatus: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.clients, ...spec.tls });
  const url = new URL(spec.url);
  const deadline = performance.now() + spec.seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(
        { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: spec.method, headers: spec.headers },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === spec.expectStatus) latencies.push(performance.now() - started);
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(spec.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: spec.clients }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  agent.destroy();
  return { requests: latencies.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs: latencies };
}

if (parentPort) {
  const result = await run(workerData as LoadSpec);
  parentPort.postMessage(result);
}

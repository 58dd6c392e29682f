// Runs the load generator in a worker thread and summarizes throughput and latency.

import { Worker } from 'node:worker_threads';
import type { LoadResult, LoadSpec } from './load-worker.js';
import { percentile } from './stats.js';

export interface LoadSummary {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

export function runLoad(spec: LoadSpec): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: spec });
    worker.once('message', (r: LoadResult) => {
      const sorted = r.latenciesMs.sort((a, b) => a - b);
      resolve({ perSecond: r.requests / r.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors: r.errors, requests: r.requests });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

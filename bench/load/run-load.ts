// Runs one load with the cheapest generator that can: wrk for closed loops without client
// certificates when it is installed, else our Node generator in a child process. The summary
// says which one ran, so every figure can name its method.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { childExecArgv, siblingModule } from '../child-module.js';
import type { LoadSpec, LoadSummary } from './types.js';
import { findWrk, runWrk, wrkCanRun } from './wrk.js';

const run = promisify(execFile);

export interface RunLoadOptions {
  /** Never use wrk (to compare generators, or where wrk misbehaves). */
  nodeOnly?: boolean;
}

export async function runLoad(spec: LoadSpec, options: RunLoadOptions = {}): Promise<LoadSummary> {
  const wrk = options.nodeOnly ? undefined : findWrk();
  if (wrk && wrkCanRun(spec)) return runWrk(wrk, spec);
  const { stdout } = await run(process.execPath, [...childExecArgv(), siblingModule(import.meta.url, 'node-generator'), JSON.stringify(spec)], {
    timeout: (spec.seconds + spec.warmupSeconds + 60) * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as LoadSummary;
}

/** "wrk" or "node generator", with the loop kind, for result details. */
export function describeGenerator(summary: LoadSummary, spec: LoadSpec): string {
  const who = summary.generator === 'wrk' ? 'wrk' : 'Node generator';
  return spec.shape.kind === 'open'
    ? `${who}, open loop ${spec.shape.ratePerSecond}/s over ${spec.shape.connections} connections`
    : `${who}, closed loop, ${spec.shape.connections} connections`;
}

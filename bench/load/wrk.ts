// wrk (the Debian package) as the closed-loop load generator: one C thread drives all the
// connections for a fraction of the CPU our Node generator needs, which leaves the second core
// to the server. It cannot present a client certificate nor keep a fixed schedule (it only
// knows closed loops), so benchmarks authenticate with bearer tokens and measure latency at a
// fixed rate with the Node generator.

import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { HttpTarget, LoadSpec, LoadSummary } from './types.js';

const run = promisify(execFile);
const WRK_PATHS = ['/usr/bin/wrk', '/usr/local/bin/wrk'];
const MARKER = 'WRK_SUMMARY';

/** The wrk binary, or undefined when it is not installed (`apt-get install wrk`). */
export function findWrk(): string | undefined {
  return WRK_PATHS.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether wrk can run this load: closed loop, no client certificate. */
export function wrkCanRun(spec: LoadSpec): boolean {
  return spec.shape.kind === 'closed' && !spec.target.tls.cert;
}

/** A Lua long string that cannot end early, whatever the text holds. */
function luaString(text: string): string {
  let level = '';
  while (text.includes(`]${level}]`)) level += '=';
  return `[${level}[${text}]${level}]`;
}

function script(t: HttpTarget): string {
  const lines = [`wrk.method = ${luaString(t.method)}`, `wrk.path = ${luaString(t.path)}`];
  if (t.body !== undefined) lines.push(`wrk.body = ${luaString(t.body)}`);
  for (const [name, value] of Object.entries(t.headers)) lines.push(`wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  lines.push(
    'function done(summary, latency, requests)',
    '  local e = summary.errors',
    `  io.write(string.format("${MARKER} %d %d %d %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,`,
    '    e.connect, e.read, e.write, e.status, e.timeout,',
    '    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))',
    'end',
  );
  return `${lines.join('\n')}\n`;
}

async function wrk(binary: string, scriptPath: string, spec: LoadSpec, seconds: number): Promise<string> {
  const url = `https://${spec.target.host}:${spec.target.port}${spec.target.path}`;
  const args = ['-t1', `-c${spec.shape.connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', scriptPath, url];
  const { stdout, stderr } = await run(binary, args, { timeout: (seconds + 30) * 1000 });
  // wrk reports a broken script on stderr and then runs without it: never measure that.
  if (stderr.trim()) throw new Error(`wrk: ${stderr.trim()}`);
  return stdout;
}

export async function runWrk(binary: string, spec: LoadSpec): Promise<LoadSummary> {
  if (!wrkCanRun(spec)) throw new Error('wrk only runs closed-loop loads without a client certificate; use the Node generator');
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-wrk-'));
  const scriptPath = join(dir, 'load.lua');
  writeFileSync(scriptPath, script(spec.target));
  try {
    if (spec.warmupSeconds > 0) await wrk(binary, scriptPath, spec, Math.ceil(spec.warmupSeconds));
    return parseSummary(await wrk(binary, scriptPath, spec, spec.seconds));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseSummary(stdout: string): LoadSummary {
  const line = stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  const [requests, durationUs, connect, read, write, status, timeout, p50, p90, p99, max] = line.slice(MARKER.length).trim().split(/\s+/).map(Number) as number[] & { length: 11 };
  const seconds = durationUs! / 1e6;
  const ok = requests! - status!;
  const ms = (us: number | undefined) => us! / 1000;
  return {
    generator: 'wrk',
    requests: ok,
    errors: connect! + read! + write! + status! + timeout!,
    seconds,
    perSecond: ok / seconds,
    latencyMs: { p50: ms(p50), p90: ms(p90), p99: ms(p99), max: ms(max) },
  };
}

// What /containerLogs returns: the main process's output. Images with a known program follow
// their log script (image/app-logs.ts); shell images run their command line through the
// interpreter once, recording each line with the (virtual) time it was written, so
// `sh -c 'echo started; sleep 5; echo done'` logs exactly that, five seconds apart.

import type { SimulatedContainer } from './container.js';
import { appLogs, type LogLine } from './image/app-logs.js';
import { runNow } from './shell/drive.js';
import { prepareExec } from './shell/launch.js';
import type { Program } from './shell/system.js';

/** Runs `program` instantly, keeping every output line with the virtual time it appeared. */
function record(program: (io: { stdout: { write(t: string): void }; stderr: { write(t: string): void } }) => Program): LogLine[] {
  const lines: LogLine[] = [];
  let offsetMs = 0;
  const partial = { stdout: '', stderr: '' };
  const sink = (stream: 'stdout' | 'stderr') => ({
    write: (text: string) => {
      const parts = (partial[stream] + text).split('\n');
      partial[stream] = parts.pop() ?? '';
      for (const part of parts) lines.push({ offsetMs, stream, text: part });
    },
  });
  runNow(program({ stdout: sink('stdout'), stderr: sink('stderr') }), '', (ms) => (offsetMs += ms));
  for (const stream of ['stdout', 'stderr'] as const) if (partial[stream]) lines.push({ offsetMs, stream, text: partial[stream] });
  return lines;
}

export interface LogEnvironment {
  startedAt: Date;
  nodeName: string;
  kubeMinor: string;
}

/** The main process's whole output, run once when the container is first needed. */
export function mainProcessOutput(container: SimulatedContainer, env: LogEnvironment): LogLine[] {
  const { profile, pod, spec } = container;
  if (profile.logs) {
    return appLogs(profile.logs, {
      startedAt: env.startedAt,
      argv: container.argv,
      version: profile.version ?? '',
      podIP: pod.status.podIP ?? '',
      nodeIP: pod.status.hostIP ?? '',
      nodeName: env.nodeName,
      kernelRelease: container.kernel.release,
      probed: spec.readinessProbe !== undefined || spec.livenessProbe !== undefined,
      kubeMinor: env.kubeMinor,
      // Scripts are bounded by uptime at read time; record the longest plausible history here.
      uptimeMs: Number.MAX_SAFE_INTEGER,
    });
  }
  const prepared = prepareExec(container, { argv: container.argv, env: container.env, cwd: container.cwd, tty: spec.tty ?? false });
  if (prepared.kind !== 'program') return [];
  return record((io) => prepared.run(io));
}

/** time.RFC3339Nano: fractional seconds without trailing zeros. */
function rfc3339Nano(ms: number, nanosWithinMs: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = `${iso.slice(20, 23)}${String(nanosWithinMs).padStart(6, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

interface LogQuery {
  tailLines?: number;
  timestamps?: boolean;
  /** Epoch ms: lines written before it are left out. */
  sinceMs?: number;
}

/**
 * The lines written by `now`, shaped as the kubelet writes them: the last tailLines of them, of
 * which those written before `since` are skipped (ReadLogs seeks to the tail, then its writer
 * drops older lines), optionally timestamped.
 */
export function renderLogs(lines: readonly LogLine[], startedAt: Date, now: Date, query: LogQuery): string {
  const uptime = now.getTime() - startedAt.getTime();
  let visible = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.offsetMs <= uptime);
  if (query.tailLines !== undefined) visible = query.tailLines > 0 ? visible.slice(-query.tailLines) : [];
  let out = '';
  for (const { line, index } of visible) {
    // Lines written together still get distinct timestamps, as the runtime's log writer gives them.
    const nanos = ((index + 1) * 7919 + line.text.length * 104_729) % 1_000_000;
    const writtenMs = startedAt.getTime() + line.offsetMs;
    if (query.sinceMs !== undefined && writtenMs + nanos / 1e6 < query.sinceMs) continue;
    out += query.timestamps ? `${rfc3339Nano(writtenMs, nanos)} ${line.text}\n` : `${line.text}\n`;
  }
  return out;
}

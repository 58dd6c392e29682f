// Issue #5 figures for the web lab, against a lab server in a child process driven the way the
// front end drives it (HTTP with the session cookie and CSRF header, socket.io on /lab):
// - Start to a usable prompt: POST /api/lab, terminal:attach, until the prompt is printed; with
//   a prepared (spare) cluster, as when the learner opened the scenario page first, and cold.
// - Keystroke echo latency with 50 terminals typing at once.
// - The access matrix over HTTP.
// - Server RSS per session (lab cluster + shell + socket).

import { fork, type ChildProcess } from 'node:child_process';
import { LabBrowser } from './lab-browser.js';
import { childExecArgv, siblingModule } from './child-module.js';
import { median, percentile, type BenchResult } from './stats.js';

const SCENARIO = 'why-nodes-proxy';
const VERSION = '1.33';

export interface ServerChild {
  url: string;
  /** Classroom mode only. */
  instructorUrl?: string;
  /** The server's RSS, and that of its shells, after GC. */
  rss(): Promise<{ rss: number; shellRss: number }>;
  stop(): Promise<void>;
}

export async function startServer(options: { spares: boolean; maxLabs?: number; classroom?: boolean }): Promise<ServerChild> {
  const child: ChildProcess = fork(siblingModule(import.meta.url, 'web-server-child'), [JSON.stringify(options)], { execArgv: childExecArgv(['--expose-gc']), stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = <T>() => new Promise<T>((done) => child.once('message', (m) => done(m as T)));
  const { url, instructorUrl } = await next<{ url: string; instructorUrl?: string }>();
  return {
    url,
    ...(instructorUrl ? { instructorUrl } : {}),
    rss: async () => {
      const answer = next<{ rss: number; shellRss: number }>();
      child.send('rss');
      return answer;
    },
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.send('stop');
      await exited;
    },
  };
}

/** A learner's browser with its /lab socket open. */
async function openLearner(base: string): Promise<LabBrowser> {
  const learner = await new LabBrowser(base).open();
  await learner.connect();
  return learner;
}

async function timeToPrompt(learner: LabBrowser, path: string, body?: unknown): Promise<number> {
  const started = performance.now();
  const lab = (await learner.call('POST', path, body)) as { state: string; error?: { message: string } };
  if (lab.state === 'failed') throw new Error(`the lab did not start: ${lab.error?.message ?? ''}`);
  await learner.prompt(); // a lab still starting gets its shell once it is ready
  return performance.now() - started;
}

export async function labStartToPrompt(runs = 5, readingMs = 3000): Promise<BenchResult[]> {
  const measure = async (spares: boolean) => {
    const server = await startServer({ spares });
    const start: number[] = [];
    const reset: number[] = [];
    try {
      for (let i = 0; i < runs + 1; i++) {
        const learner = await openLearner(server.url);
        await learner.call('GET', `/api/scenarios/${SCENARIO}?version=${VERSION}`);
        await new Promise((r) => setTimeout(r, readingMs)); // the learner reads the page
        const startMs = await timeToPrompt(learner, '/api/lab', { scenarioId: SCENARIO, version: VERSION });
        await new Promise((r) => setTimeout(r, readingMs));
        const resetMs = await timeToPrompt(learner, '/api/lab/reset');
        // The first round loads and compiles the server's code paths: not counted.
        if (i > 0) {
          start.push(startMs);
          reset.push(resetMs);
        }
        await learner.call('DELETE', '/api/lab');
        learner.close();
      }
    } finally {
      await server.stop();
    }
    return { start: median(start), reset: median(reset), startMax: Math.max(...start) };
  };
  const warm = await measure(true);
  const cold = await measure(false);
  return [
    { name: 'Start to usable prompt (median)', value: warm.start, unit: 'ms', target: '<= 1000 ms', ok: warm.start <= 1000, detail: `${runs} runs; prepared cluster made while the scenario page was read (${readingMs} ms); max ${warm.startMax.toFixed(0)} ms` },
    { name: 'Reset to usable prompt (median)', value: warm.reset, unit: 'ms', target: '<= 1000 ms', ok: warm.reset <= 1000, detail: 'prepared cluster made after the previous start' },
    { name: 'Start to usable prompt, cold (median)', value: cold.start, unit: 'ms', detail: 'no prepared cluster: boot + scenario setup with 3 kubectl apply' },
  ];
}

export async function accessMatrixLatency(calls = 20): Promise<BenchResult[]> {
  const server = await startServer({ spares: false });
  try {
    const learner = await openLearner(server.url);
    await timeToPrompt(learner, '/api/lab', { scenarioId: SCENARIO, version: VERSION });
    const times: number[] = [];
    for (let i = 0; i < calls + 1; i++) {
      const started = performance.now();
      await learner.call('POST', '/api/access-matrix', { subject: 'ServiceAccount:monitoring/prometheus' });
      if (i > 0) times.push(performance.now() - started); // the first builds each version's policy once
    }
    learner.close();
    times.sort((a, b) => a - b);
    const med = median(times);
    return [{ name: 'POST /api/access-matrix (median)', value: med, unit: 'ms', target: '<= 50 ms', ok: med <= 50, detail: `${calls} calls over HTTP, 14 endpoints x 3 versions; p90 ${percentile(times, 90).toFixed(1)} ms` }];
  } finally {
    await server.stop();
  }
}

export async function keystrokeEcho(terminals = 50, keystrokes = 40, intervalMs = 100): Promise<BenchResult[]> {
  const server = await startServer({ spares: false, maxLabs: terminals + 5 });
  const learners: LabBrowser[] = [];
  try {
    // A warm-up lab, so that the baseline has the server's code loaded.
    const warmup = await openLearner(server.url);
    await timeToPrompt(warmup, '/api/lab', { scenarioId: SCENARIO, version: VERSION });
    await warmup.call('DELETE', '/api/lab');
    warmup.close();
    const baseline = await server.rss();

    const startedAt = performance.now();
    for (let i = 0; i < terminals; i += 2) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(2, terminals - i) }, async () => {
          const learner = await openLearner(server.url);
          await timeToPrompt(learner, '/api/lab', { scenarioId: SCENARIO, version: VERSION });
          return learner;
        }),
      );
      learners.push(...batch);
    }
    const setupS = (performance.now() - startedAt) / 1000;
    const withSessions = await server.rss();

    const latencies: number[] = [];
    await Promise.all(learners.map((learner, n) => typeLine(learner, keystrokes, intervalMs, (n * intervalMs) / terminals, latencies)));
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    const mb = (bytes: number) => bytes / terminals / (1024 * 1024);
    return [
      { name: `keystroke echo p50, ${terminals} terminals`, value: percentile(latencies, 50), unit: 'ms', detail: `${latencies.length} keystrokes, each terminal typing ${1000 / intervalMs}/s` },
      { name: `keystroke echo p99, ${terminals} terminals`, value: p99, unit: 'ms', target: '<= 20 ms', ok: p99 <= 20 },
      {
        name: 'server RSS per session',
        value: mb(withSessions.rss - baseline.rss),
        unit: 'MB',
        detail: `lab cluster, grading session, terminal and socket; ${terminals} sessions after GC, started in ${setupS.toFixed(0)} s; each bash shell adds ${mb(withSessions.shellRss).toFixed(1)} MB in its own process`,
      },
    ];
  } finally {
    for (const l of learners) l.close();
    await server.stop();
  }
}

/** Types `count` letters one at a time, timing each until the shell echoes it; then clears the line. */
async function typeLine(learner: LabBrowser, count: number, intervalMs: number, offsetMs: number, latencies: number[]): Promise<void> {
  await new Promise((r) => setTimeout(r, offsetMs));
  for (let i = 0; i < count; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    const from = learner.output.length;
    const echoed = learner.until((output) => output.includes(key, from));
    const sent = performance.now();
    learner.socket!.emit('terminal:input', key);
    await echoed;
    latencies.push(performance.now() - sent);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  learner.socket!.emit('terminal:input', '\x15'); // Ctrl-U: the line was only for timing
}

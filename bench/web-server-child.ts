// Child process for the web benchmarks: a lab server of its own (so that its memory and event
// loop are measured without the benchmark's clients), driven over the fork IPC channel:
// it sends { url, instructorUrl } when listening, answers "rss" with { rss, shellRss } after GC (the shells are
// processes of their own), and stops on "stop".

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLabServer } from '../server/lab-server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as { spares?: boolean; maxLabs?: number; classroom?: boolean };
const gc = (globalThis as { gc?: () => void }).gc;
const send = (message: unknown) => process.send?.(message);

const server = await startLabServer({
  host: '127.0.0.1',
  port: 0,
  dataDir: mkdtempSync(join(tmpdir(), 'kubelab-web-bench-')),
  spares: options.spares ?? true,
  maxLabs: options.maxLabs ?? 20,
  classroom: options.classroom ?? false,
  log: () => {},
});
send({ url: server.url, instructorUrl: server.instructorUrl });

// The benchmark died or finished without saying stop: do not outlive it.
process.on('disconnect', () => void server.close().then(() => process.exit(0)));

process.on('message', (message) => {
  void (async () => {
    if (message === 'rss') {
      for (let i = 0; i < 3; i++) {
        gc?.();
        await new Promise((r) => setTimeout(r, 100));
      }
      send({ rss: process.memoryUsage().rss, shellRss: shellRss() });
    } else if (message === 'stop') {
      await server.close();
      process.exit(0);
    }
  })();
});

/** The resident memory of every lab shell (bash), from /proc (0 where there is none). */
function shellRss(): number {
  let total = 0;
  for (const session of server.sessions.all()) {
    const status = `/proc/${session.terminal?.pid ?? 0}/status`;
    if (!session.terminal || !existsSync(status)) continue;
    total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))?.[1] ?? 0) * 1024;
  }
  return total;
}

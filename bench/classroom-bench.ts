// Issue #7 figures: a classroom on one server (in a child process, embedded clusters). 60
// learners join, start their labs and keep a /lab socket open; then all press Check at once:
// errors and p99 grading time (target <= 3 s). Then the class grows to 100 learners with labs:
// the server's RSS (target <= 2 GB for 100 sessions).

import { LabBrowser } from './lab-browser.js';
import { median, percentile, type BenchResult } from './stats.js';
import { startServer } from './web-bench.js';

const SCENARIO = 'why-nodes-proxy';
const VERSION = '1.33';
const CHECKERS = 60;
const SESSIONS = 100;
/** Lab starts in flight at once: each applies the scenario setup with kubectl. */
const START_BATCH = 8;

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export async function classroomLoad(): Promise<BenchResult[]> {
  const server = await startServer({ spares: false, maxLabs: SESSIONS + 5, classroom: true });
  const learners: LabBrowser[] = [];
  try {
    const instructor = await new LabBrowser(server.url).open();
    await instructor.call('POST', '/api/instructor/claim', { secret: new URL(server.instructorUrl!).hash.replace('#claim=', '') });
    const { joinCode } = await instructor.call<{ joinCode: string }>('POST', '/api/classes', { name: 'Load', scenarioIds: [SCENARIO], versions: [VERSION] });

    const join = async (count: number) => {
      const fresh = await Promise.all(Array.from({ length: count }, () => new LabBrowser(server.url).open()));
      await inBatches(fresh, START_BATCH, async (b) => {
        await b.call('POST', '/api/join', { code: joinCode, displayName: `learner ${learners.length}` });
        await b.connect();
        let lab = await b.call<{ state: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: VERSION });
        // A loaded server answers "starting" after its wait: poll as the page does.
        while (lab.state === 'starting') {
          await new Promise((r) => setTimeout(r, 250));
          lab = await b.call<{ state: string }>('GET', '/api/lab');
        }
        if (lab.state !== 'ready') throw new Error(`a lab ended up ${lab.state}`);
        learners.push(b);
      });
    };

    const joinStarted = performance.now();
    await join(CHECKERS);
    const joinSeconds = (performance.now() - joinStarted) / 1000;

    let errors = 0;
    const checkStarted = performance.now();
    const durations = await Promise.all(
      learners.map(async (b) => {
        const started = performance.now();
        try {
          await b.call('POST', '/api/lab/steps/1/check');
        } catch {
          errors += 1;
        }
        return performance.now() - started;
      }),
    );
    const wallMs = performance.now() - checkStarted;

    await join(SESSIONS - CHECKERS);
    const { rss } = await server.rss();
    const gb = rss / 1024 ** 3;
    return [
      { name: `${CHECKERS} learners press Check at once: errors`, value: errors, unit: 'errors', target: '0', ok: errors === 0, detail: `all ${CHECKERS} answered in ${(wallMs / 1000).toFixed(1)} s` },
      { name: 'grading time under that load, p99', value: percentile(durations, 99) / 1000, unit: 's', target: '<= 3 s', ok: percentile(durations, 99) <= 3000, detail: `p50 ${(median(durations) / 1000).toFixed(2)} s; step 1 of ${SCENARIO} (v${VERSION})` },
      { name: `${CHECKERS} learners join and start labs`, value: joinSeconds, unit: 's', detail: `${START_BATCH} lab starts at a time, each applying the scenario setup with kubectl` },
      { name: `server RSS with ${SESSIONS} learner sessions and labs`, value: gb, unit: 'GB', target: '<= 2 GB', ok: gb <= 2, detail: `${(rss / SESSIONS / 1024 ** 2).toFixed(1)} MB per session (embedded cluster, socket, journal); shells not started` },
    ];
  } finally {
    for (const b of learners) b.socket?.close();
    await server.stop();
  }
}

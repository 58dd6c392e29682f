// Nothing lost on a crash: 30 learners of a class mid-scenario (each with a cluster they changed
// and check results on record), the server killed with SIGKILL, a new server on the same data
// directory. Every session, result and roster row is back, and each learner's cluster comes back
// as they left it.

import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Browser, SCENARIO, testKubectl } from './support.js';
import type { LabServer } from '../../server/lab-server.js';

const run = promisify(execFile);
const LEARNERS = 30;
const SOLUTION = join(import.meta.dirname, '..', '..', 'scenarios', '01-why-nodes-proxy', 'solutions', '01-rbac-says-yes.sh');
const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-crash-'));
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  instructorUrl: string;
}

async function startServer(): Promise<Started> {
  const child = fork(join(import.meta.dirname, 'children', 'lab-server-child.ts'), [JSON.stringify({ dataDir, kubectl: await testKubectl(), classroom: true, maxLabs: LEARNERS + 5 })], {
    // The child runs our TypeScript sources, as vitest does here.
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((done, fail) => {
    child.once('message', (m: { url: string; instructorUrl: string }) => done({ child, ...m }));
    child.once('exit', (code) => fail(new Error(`the lab server exited with ${code} before listening`)));
  });
}

function kubeconfigOf(server: Started, sessionId: string): Promise<{ path: string | null; state: string | null }> {
  return new Promise((done) => {
    const listener = (m: { kubeconfigOf?: string; path: string | null; state: string | null }) => {
      if (m.kubeconfigOf !== sessionId) return;
      server.child.off('message', listener);
      done(m);
    };
    server.child.on('message', listener);
    server.child.send({ kubeconfigOf: sessionId });
  });
}

/** The same browser (cookie and all) talking to another server address. */
function reconnect(browser: Browser, url: string): Browser {
  const moved = new Browser(url);
  moved.cookie = browser.cookie;
  moved.sessionId = browser.sessionId;
  return moved;
}

async function kubectl(kubeconfig: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(await testKubectl(), ['--kubeconfig', kubeconfig, ...args], { timeout: 30_000 });
  return stdout.trim();
}

/** The session's lab once ready: a loaded server answers "starting" first, and the page polls. */
async function readyLab(browser: Browser): Promise<{ state: string; nodes: { internalIP: string; kubeletPort: number }[] }> {
  for (;;) {
    const lab = await browser.get<{ state: string; nodes: { internalIP: string; kubeletPort: number }[] }>('/api/lab');
    if (lab.body.state !== 'starting') {
      expect(lab.body.state).toBe('ready');
      return lab.body;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

describe('a server killed mid-class', () => {
  it('comes back with every session, check result and cluster state', async () => {
    const first = await startServer();
    const asLabServer = { url: first.url } as LabServer;
    const instructor = await Browser.open(asLabServer);
    expect((await instructor.send('POST', '/api/instructor/claim', { secret: new URL(first.instructorUrl).hash.replace('#claim=', '') })).status).toBe(200);
    const klass = (await instructor.send<{ id: string; joinCode: string }>('POST', '/api/classes', { name: 'Crash', scenarioIds: [SCENARIO], versions: ['1.33'] })).body;

    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, async (_, i) => {
        const browser = await Browser.open(asLabServer);
        expect((await browser.send('POST', '/api/join', { code: klass.joinCode, displayName: `learner-${i}` })).status).toBe(200);
        return browser;
      }),
    );
    // Each learner: a lab, a change of their own in it, and a check on record.
    const before = new Map<string, { checks: number }>();
    for (let i = 0; i < LEARNERS; i += 6) {
      await Promise.all(
        learners.slice(i, i + 6).map(async (browser, j) => {
          const n = i + j;
          expect((await browser.send('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' })).status).toBe(200);
          const lab = await readyLab(browser);
          const { path } = await kubeconfigOf(first, browser.sessionId);
          await kubectl(path!, 'create', 'configmap', 'my-work', '-n', 'default', `--from-literal=learner=${n}`);
          const node = lab.nodes[0]!;
          await run('bash', [SOLUTION], { env: { ...process.env, PATH: `${dirname(await testKubectl())}:${process.env.PATH ?? ''}`, KUBECONFIG: path!, NODE_IP: node.internalIP, KUBELET_PORT: String(node.kubeletPort), KUBE_VERSION: '1.33' } });
          const report = await browser.send<{ checks: unknown[]; passed: boolean }>('POST', '/api/lab/steps/1/check');
          expect(report.body.passed).toBe(true);
          before.set(browser.sessionId, { checks: report.body.checks.length });
        }),
      );
    }
    const rosterBefore = (await instructor.get<{ learners: { learnerId: string; lastResults: unknown[]; score: unknown }[] }>(`/api/classes/${klass.id}/roster`)).body.learners;
    // Snapshots are written a moment after a change; give the last ones that moment.
    await new Promise((r) => setTimeout(r, 1500));

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startServer();
    const instructorAgain = reconnect(instructor, second.url);
    const rosterAfter = await instructorAgain.get<{ learners: { learnerId: string; lastResults: unknown[]; score: unknown }[] }>(`/api/classes/${klass.id}/roster`);
    expect(rosterAfter.status).toBe(200);
    expect(rosterAfter.body.learners.map(({ learnerId, lastResults, score }) => ({ learnerId, lastResults, score }))).toEqual(rosterBefore.map(({ learnerId, lastResults, score }) => ({ learnerId, lastResults, score })));

    for (let i = 0; i < LEARNERS; i += 6) {
      await Promise.all(
        learners.slice(i, i + 6).map(async (browser, j) => {
          const n = i + j;
          const again = reconnect(browser, second.url);
          const session = await again.get<{ role: string; learner: { displayName: string }; csrf: string }>('/api/session');
          expect(session.body).toMatchObject({ role: 'learner', learner: { displayName: `learner-${n}` } });
          again.csrf = session.body.csrf;
          await readyLab(again);
          const { path } = await kubeconfigOf(second, browser.sessionId);
          expect(await kubectl(path!, 'get', 'configmap', 'my-work', '-n', 'default', '-o', 'jsonpath={.data.learner}')).toBe(String(n));
          const catalog = await again.get<{ progress: { completedSteps: number } }[]>('/api/scenarios');
          expect(catalog.body[0]!.progress.completedSteps).toBe(1);
          expect(before.get(browser.sessionId)?.checks).toBeGreaterThan(0);
        }),
      );
    }
  }, 600_000);
});

// Classroom and exam mode against a real server (real SQLite, real clusters, real kubectl): the
// instructor's one-time claim, classes and join codes, what learners may and may not do, the
// live roster, grading on demand, exports with evidence, and an exam that ends on time.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../server/lab-server.js';
import { Browser, connected, SCENARIO, startTestServer, TerminalReader, testKubectl } from './support.js';

const run = promisify(execFile);
const SCENARIO_DIR = join(import.meta.dirname, '..', '..', 'scenarios', '01-why-nodes-proxy');

interface ClassView {
  id: string;
  name: string;
  joinCode: string;
  joinUrl: string;
  examMinutes: number | null;
  learners: number;
}
interface RosterRow {
  learnerId: string;
  displayName: string;
  online: boolean;
  attempt: null | { scenarioId: string; version: string; labState: string; currentStep: number; totalSteps: number; endedAt: string | null };
  lastResults: { step: number; checkId: string; passed: boolean }[];
  score: null | { passed: number; total: number; percent: number };
}
interface ScoreReport {
  displayName: string;
  trigger: string;
  deadlineAt: string | null;
  gradedAt: string | null;
  score: { passed: number; total: number; percent: number };
  steps: { step: number; checks: { checkId: string; passed: boolean; command: string; identity: string }[] }[];
}

let server: LabServer & { dataDir: string };
let instructor: Browser;
const sockets: Socket[] = [];

function instructorSocket(browser: Browser, origin = browser.origin): Socket {
  const socket = io(`${browser.origin}/instructor`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: browser.cookie, origin } });
  sockets.push(socket);
  return socket;
}

function secretOf(url: string): string {
  return new URL(url).hash.replace(/^#claim=/, '');
}

async function learner(code: string, displayName: string): Promise<Browser> {
  const browser = await Browser.open(server);
  const joined = await browser.send('POST', '/api/join', { code, displayName });
  expect(joined.status).toBe(200);
  return browser;
}

/** Runs a step's solution in the learner's cluster, as they would type it in their shell. */
async function solve(browser: Browser, step: string): Promise<void> {
  const lab = server.sessions.get(browser.sessionId)!.lab!;
  const node = lab.cluster!.nodes[0]!;
  await run('bash', [join(SCENARIO_DIR, 'solutions', step)], {
    env: { ...process.env, PATH: `${join(await testKubectl(), '..')}:${process.env.PATH ?? ''}`, KUBECONFIG: lab.cluster!.kubeconfigPath, NODE_IP: node.internalIP, KUBELET_PORT: String(node.kubeletPort), KUBE_VERSION: lab.version },
  });
}

beforeAll(async () => {
  server = await startTestServer({ classroom: true });
  instructor = await Browser.open(server);
  const wrong = await instructor.send('POST', '/api/instructor/claim', { secret: 'guess' });
  expect(wrong.status).toBe(403);
  const claim = await instructor.send('POST', '/api/instructor/claim', { secret: secretOf(server.instructorUrl!) });
  expect(claim).toMatchObject({ status: 200, body: { role: 'instructor' } });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
});

describe('the instructor', () => {
  it('is whoever spends the printed one-time secret first; a wrong or spent secret is refused', async () => {
    expect(server.instructorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/instructor#claim=[\w-]{20,}$/);
    expect((await instructor.get('/api/classes')).status).toBe(200);
    const other = await Browser.open(server);
    const wrong = await other.send<{ error: { code: string; fix: string } }>('POST', '/api/instructor/claim', { secret: 'guess' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('INVALID_SECRET');
    expect(wrong.body.error.fix).toContain('kubelab start --classroom');
    const spent = await other.send<{ error: { code: string } }>('POST', '/api/instructor/claim', { secret: secretOf(server.instructorUrl!) });
    expect(spent.status).toBe(403);
    expect((await other.get('/api/classes')).status).toBe(403);
  });

  it('reads the whole scenario catalog to build classes', async () => {
    const catalog = await instructor.get<{ id: string }[]>('/api/scenarios');
    expect(catalog.status).toBe(200);
    expect(catalog.body.map((s) => s.id)).toContain(SCENARIO);
    expect(catalog.body.length).toBeGreaterThan(5);
  });

  it('creates a class only from offered scenarios and versions', async () => {
    const bad = await instructor.send<{ error: { message: string } }>('POST', '/api/classes', { name: 'x', scenarioIds: [SCENARIO], versions: ['1.36'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('does not run on v1.36');
    const unknown = await instructor.send('POST', '/api/classes', { name: 'x', scenarioIds: ['nope'], versions: ['1.33'] });
    expect(unknown.status).toBe(400);
  });
});

describe('a workshop', () => {
  let klass: ClassView;
  let alice: Browser;
  let bob: Browser;

  beforeAll(async () => {
    const created = await instructor.send<ClassView>('POST', '/api/classes', { name: 'Kubelet authz, morning', scenarioIds: [SCENARIO], versions: ['1.33'] });
    expect(created.status).toBe(201);
    klass = created.body;
    expect(klass.joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(klass.joinUrl).toBe(`${server.url}join?code=${klass.joinCode}`);
  });

  it('keeps learners out until they join, and joins them with the code in any spelling', async () => {
    const stranger = await Browser.open(server);
    const catalog = await stranger.get<{ error: { code: string } }>('/api/scenarios');
    expect(catalog.status).toBe(403);
    expect(catalog.body.error.code).toBe('JOIN_FIRST');
    const socketError = (await connected(stranger.socket()).catch((e: unknown) => e)) as { data?: { code: string } };
    expect(socketError.data?.code).toBe('JOIN_FIRST');
    const wrongCode = await stranger.send<{ error: { code: string } }>('POST', '/api/join', { code: 'AAAA-AAAA', displayName: 'x' });
    expect(wrongCode.body.error.code).toBe('UNKNOWN_JOIN_CODE');

    alice = await learner(klass.joinCode.toLowerCase().replace('-', ' '), 'Alice');
    bob = await learner(klass.joinCode, '<img src=x onerror=alert(1)>');
    const session = await alice.get<{ role: string; mode: string; class: { id: string } }>('/api/session');
    expect(session.body).toMatchObject({ role: 'learner', mode: 'classroom', class: { id: klass.id } });
    expect((await alice.send<{ error: { code: string } }>('POST', '/api/join', { code: klass.joinCode, displayName: 'Alice again' })).body.error.code).toBe('ALREADY_JOINED');
    const names = await stranger.send<{ error: { code: string } }>('POST', '/api/join', { code: klass.joinCode, displayName: 'bell\u0007' });
    expect(names.status).toBe(400);
  });

  it('offers learners only the class scenarios and versions, and no instructor route', async () => {
    const catalog = await alice.get<{ id: string }[]>('/api/scenarios');
    expect(catalog.body.map((s) => s.id)).toEqual([SCENARIO]);
    const otherVersion = await alice.send<{ error: { code: string } }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.31' });
    expect(otherVersion.body.error.code).toBe('NOT_IN_CLASS');
    for (const [method, path] of [['GET', '/api/classes'], ['GET', `/api/classes/${klass.id}/roster`], ['GET', `/api/classes/${klass.id}/export.csv`], ['POST', `/api/classes/${klass.id}/close`]] as const) {
      const answer = method === 'GET' ? await bob.get<{ error: { code: string } }>(path) : await bob.send<{ error: { code: string } }>(method, path);
      expect({ path, status: answer.status, code: answer.body.error.code }).toEqual({ path, status: 403, code: 'INSTRUCTOR_ONLY' });
    }
    const refused = (await connected(instructorSocket(bob)).catch((e: unknown) => e)) as { data?: { code: string } };
    expect(refused.data?.code).toBe('INSTRUCTOR_ONLY');
  });

  it("does not honour a learner's cookie from another origin", async () => {
    // The socket handshake checks Origin; a cross-site form cannot send the CSRF header.
    await expect(connected(alice.socket({ origin: 'http://evil.example' }))).rejects.toThrow();
    const noToken = await alice.send<{ error: { code: string } }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' }, { 'x-kubelab-csrf': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('CSRF_MISMATCH');
    const foreign = await alice.send<{ error: { code: string } }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FOREIGN_ORIGIN');
    expect((await alice.get('/api/lab')).status).toBe(404);
  });

  it('shows the instructor each learner live: start, checks, results, score', async () => {
    const watcher = instructorSocket(instructor);
    await connected(watcher);
    const updates: RosterRow[] = [];
    watcher.on('roster:update', ({ row }: { row: RosterRow }) => updates.push(row));
    watcher.emit('class:watch', { classId: klass.id });
    await new Promise((r) => setTimeout(r, 100));

    const lab = await alice.send<{ state: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' });
    expect(lab.body.state).toBe('ready');
    await solve(alice, '01-rbac-says-yes.sh');
    const report = await alice.send<{ passed: boolean }>('POST', '/api/lab/steps/1/check');
    expect(report.body.passed).toBe(true);
    await expect.poll(() => updates.filter((u) => u.displayName === 'Alice').at(-1)?.lastResults.length ?? 0).toBeGreaterThan(0);

    const roster = await instructor.get<{ learners: RosterRow[] }>(`/api/classes/${klass.id}/roster`);
    const aliceRow = roster.body.learners.find((l) => l.displayName === 'Alice')!;
    expect(aliceRow.attempt).toMatchObject({ scenarioId: SCENARIO, version: '1.33', labState: 'ready', currentStep: 2, totalSteps: 2 });
    expect(aliceRow.lastResults.every((r) => r.step === 1 && r.passed)).toBe(true);
    expect(aliceRow.score!.passed).toBe(aliceRow.lastResults.length);
    expect(aliceRow.score!.total).toBeGreaterThan(aliceRow.score!.passed);
    // The display name is data: it comes back exactly as typed, for the page to show as text.
    expect(roster.body.learners.map((l) => l.displayName)).toContain('<img src=x onerror=alert(1)>');
  });

  it("gives each learner a sandboxed shell that cannot see another learner's kubeconfig or the server's files", async () => {
    expect((await bob.send<{ state: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' })).status).toBe(200);
    await expect.poll(async () => (await bob.get<{ state: string }>('/api/lab')).body.state, { timeout: 60_000 }).toBe('ready');
    const socket = bob.socket();
    sockets.push(socket);
    await connected(socket);
    const terminal = new TerminalReader(socket);
    socket.emit('terminal:attach', { cols: 200, rows: 40 });
    await terminal.waitFor(/\$ $/);
    const aliceKubeconfig = server.sessions.get(alice.sessionId)!.lab!.cluster!.kubeconfigPath;
    expect(await terminal.run(`cat ${aliceKubeconfig}; echo rc=$?`)).toMatch(/No such file or directory[\s\S]*rc=1/);
    expect(await terminal.run(`ls ${server.dataDir}; echo rc=$?`)).toMatch(/No such file or directory[\s\S]*rc=2/);
    expect(await terminal.run('kubectl get nodes -o name')).toMatch(/node\/lab-[0-9a-f]+-control-plane/);
    // An instructor-only event on the learner's own socket does nothing.
    socket.emit('terminal:watch', { learnerId: (await alice.get<{ learner: { id: string } }>('/api/session')).body.learner.id });
    expect(await terminal.run('id -u')).not.toMatch(/^0$/m);
  }, 120_000);

  it('grades a learner on demand and exports every result with its evidence', async () => {
    const graded = await instructor.send<ScoreReport>('POST', `/api/classes/${klass.id}/learners/${(await alice.get<{ learner: { id: string } }>('/api/session')).body.learner.id}/grade`);
    expect(graded.status).toBe(200);
    expect(graded.body.trigger).toBe('instructor');
    const step1 = graded.body.steps.find((s) => s.step === 1)!;
    expect(step1.checks.every((c) => c.passed)).toBe(true);
    expect(step1.checks.map((c) => c.identity)).toContain('system:serviceaccount:monitoring:prometheus');

    const csv = await instructor.get<string>(`/api/classes/${klass.id}/export.csv`);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="kubelab-Kubelet-authz-morning\.csv"/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('class,learner,learner_id,scenario,version,step,check_id,check_title,passed,trigger,graded_at,identity,command,output');
    const json = await instructor.get<{
      learners: { learnerId: string; displayName: string; attempts: { results: { passed: boolean; trigger: string }[] }[] }[];
      events: { at: string; learnerId: string | null; kind: string; detail: { trigger?: string } }[];
    }>(`/api/classes/${klass.id}/export.json`);
    const results = json.body.learners.flatMap((l) => l.attempts.flatMap((a) => a.results));
    // The class's log, oldest first: Alice joined before the instructor graded her.
    const aliceId = json.body.learners.find((l) => l.displayName === 'Alice')!.learnerId;
    const aliceEvents = json.body.events.filter((e) => e.learnerId === aliceId);
    expect(aliceEvents[0]?.kind).toBe('class.joined');
    expect(aliceEvents.at(-1)).toMatchObject({ kind: 'graded', detail: { trigger: 'instructor' } });
    expect(json.body.events.map((e) => e.at)).toEqual(json.body.events.map((e) => e.at).sort());
    expect(lines.length - 1).toBe(results.length);
    expect(results.filter((r) => r.trigger === 'instructor').length).toBe(graded.body.steps.flatMap((s) => s.checks).length);
    expect(lines.filter((l) => l.includes(',pass,')).length).toBe(results.filter((r) => r.passed).length);
  });
});

describe('an exam', () => {
  async function examinee(examMinutes: number, name: string): Promise<{ klass: ClassView; browser: Browser; ended: Promise<ScoreReport> }> {
    const created = await instructor.send<ClassView>('POST', '/api/classes', { name: `Exam ${name}`, scenarioIds: [SCENARIO], versions: ['1.33'], examMinutes });
    const browser = await learner(created.body.joinCode, name);
    const socket = browser.socket();
    sockets.push(socket);
    await connected(socket);
    const ended = new Promise<ScoreReport>((done) => socket.once('exam:ended', done));
    return { klass: created.body, browser, ended };
  }

  it('hides hints, solutions and self-checks, and grades the work when the instructor ends it', async () => {
    const { klass, browser: carol, ended } = await examinee(30, 'Carol');
    expect((await carol.get<{ mode: string }>('/api/session')).body.mode).toBe('exam');
    expect((await carol.get('/api/exam')).body).toMatchObject({ minutes: 30, startedAt: null, ended: false });
    expect((await carol.send<{ state: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' })).body.state).toBe('ready');
    const running = await carol.get<{ remainingMs: number }>('/api/exam');
    expect(running.body.remainingMs).toBeGreaterThan(25 * 60_000);
    expect(running.body.remainingMs).toBeLessThanOrEqual(30 * 60_000);
    for (const path of ['/api/lab/steps/1/hints', '/api/lab/steps/1/solution']) expect((await carol.get<{ error: { code: string } }>(path)).body.error.code).toBe('EXAM_MODE');
    expect((await carol.send<{ error: { code: string } }>('POST', '/api/lab/steps/1/check')).body.error.code).toBe('EXAM_MODE');
    expect((await carol.send<{ error: { code: string } }>('POST', '/api/access-matrix', { subject: 'ServiceAccount:monitoring/prometheus' })).body.error.code).toBe('EXAM_MODE');
    await solve(carol, '01-rbac-says-yes.sh');

    expect((await instructor.send('POST', `/api/classes/${klass.id}/close`)).status).toBe(200);
    const report = await ended;
    expect(report.trigger).toBe('exam-end');
    expect(report.steps.find((s) => s.step === 1)!.checks.every((c) => c.passed)).toBe(true);
    expect(report.score.passed).toBeGreaterThan(0);
    expect(report.score.passed).toBeLessThan(report.score.total);
    const after = await carol.get<{ ended: boolean; report: ScoreReport }>('/api/exam');
    expect(after.body.ended).toBe(true);
    expect(after.body.report.score).toEqual(report.score);
  });

  it('ends on time: graded at the deadline, then the lab is closed for good', async () => {
    const { browser: dave, ended } = await examinee(0.1, 'Dave');
    expect((await dave.send<{ state: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' })).body.state).toBe('ready');
    const report = await ended;
    expect(report.trigger).toBe('exam-end');
    expect(Date.parse(report.gradedAt!)).toBeGreaterThanOrEqual(Date.parse(report.deadlineAt!));
    // Untouched work: the checks that need the learner's change fail.
    expect(report.score.passed).toBeLessThan(report.score.total);
    const restart = await dave.send<{ error: { code: string } }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.33' });
    expect(restart.status).toBe(409);
    expect(restart.body.error.code).toBe('EXAM_OVER');
    expect((await dave.get('/api/lab')).status).toBe(404);
  });
});

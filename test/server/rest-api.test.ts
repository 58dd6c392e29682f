// The JSON API of docs/web-api.md against a real lab server and embedded cluster: sessions,
// CSRF, validation and error bodies, the catalog, a lab's life, grading, hints, solutions,
// decisions, the access matrix, rate limits and the front-end fallback.

import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../server/lab-server.js';
import type { StepReport } from '../../server/grading/report.js';
import type { AccessMatrix } from '../../server/access-matrix/access-matrix.js';
import type { KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import { runScenarioScript } from '../../server/scenarios/setup.js';
import { Browser, SCENARIO, startTestServer, testKubectl } from './support.js';

interface ErrorBody {
  error: { code: string; message: string; fix: string };
}

let server: LabServer & { dataDir: string };
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await Browser.open(server);
});

afterAll(() => server?.close());

describe('sessions', () => {
  it('sets a signed, httpOnly, SameSite=Strict cookie and answers the session with its CSRF token', async () => {
    const fresh = new Browser(server.url);
    const answer = await fresh.get<{ id: string; csrf: string; mode: string; runtime: string }>('/api/session');
    expect(answer.status).toBe(200);
    const cookie = answer.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kubelab\.sid=[^;]+\.[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(answer.body).toMatchObject({ mode: 'practice', runtime: 'embedded' });
    expect(answer.body.csrf.length).toBeGreaterThan(20);
    // The same cookie names the same session.
    const again = await fresh.get<{ id: string; csrf: string }>('/api/session');
    expect(again.body).toMatchObject({ id: answer.body.id, csrf: answer.body.csrf });
  });

  it('refuses API calls without a session, and with a forged cookie', async () => {
    const stranger = new Browser(server.url);
    const none = await stranger.get<ErrorBody>('/api/scenarios');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('NO_SESSION');
    stranger.cookie = `kubelab.sid=${browser.sessionId}.forged`;
    expect((await stranger.get('/api/scenarios')).status).toBe(401);
  });

  it('refuses a mutating call without the CSRF header, or with another session\'s token', async () => {
    const missing = await browser.send<ErrorBody>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.31' }, { 'x-kubelab-csrf': '' });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toMatchObject({ code: 'CSRF_MISMATCH' });
    expect(missing.body.error.fix).toMatch(/reload/i);
    const other = await Browser.open(server);
    const foreign = await browser.send<ErrorBody>('DELETE', '/api/lab', undefined, { 'x-kubelab-csrf': other.csrf });
    expect(foreign.status).toBe(403);
  });

  it('answers only to its own host names (DNS rebinding)', async () => {
    // fetch() will not send a foreign Host header; a plain request does, as a rebound page would.
    const answer = await new Promise<{ status: number; body: ErrorBody }>((done, fail) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/session', headers: { host: `attacker.example:${server.port}` } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorBody }));
      });
      req.on('error', fail);
      req.end();
    });
    expect(answer.status).toBe(421);
    expect(answer.body.error.code).toBe('UNKNOWN_HOST');
  });

  it('sends a CSP that allows only its own scripts and connections', async () => {
    const csp = (await browser.get('/api/session')).headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
});

describe('validation and errors', () => {
  it('names every wrong field of a body', async () => {
    const answer = await browser.send<ErrorBody>('POST', '/api/lab', { scenarioId: 7, version: '1.32', extra: true });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_REQUEST');
    expect(answer.body.error.message).toContain('scenarioId');
    expect(answer.body.error.message).toContain('version must be one of 1.31, 1.33, 1.36');
    expect(answer.body.error.message).toContain('extra');
  });

  it('answers broken JSON and oversized bodies with the error JSON', async () => {
    const broken = await browser.send<ErrorBody>('POST', '/api/lab', '{"scenarioId":');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('INVALID_JSON');
    const big = await browser.send<ErrorBody>('POST', '/api/access-matrix', { subject: `User:${'x'.repeat(70 * 1024)}` });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes, scenarios and versions with what to do', async () => {
    expect((await browser.get<ErrorBody>('/api/nothing')).body.error.code).toBe('NOT_FOUND');
    const scenario = await browser.get<ErrorBody>('/api/scenarios/no-such-scenario');
    expect(scenario.status).toBe(404);
    expect(scenario.body.error.code).toBe('SCENARIO_NOT_FOUND');
    const version = await browser.send<ErrorBody>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.36' });
    expect(version.status).toBe(400);
    expect(version.body.error).toMatchObject({ code: 'VERSION_NOT_OFFERED' });
    expect(version.body.error.fix).toContain('1.31, 1.33');
  });

  it('has no lab before one is started', async () => {
    const fresh = await Browser.open(server);
    for (const answer of [await fresh.get<ErrorBody>('/api/lab'), await fresh.send<ErrorBody>('POST', '/api/lab/steps/1/check'), await fresh.get<ErrorBody>('/api/lab/steps/1/hints')]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('NO_LAB');
    }
    expect((await fresh.send('DELETE', '/api/lab')).status).toBe(204);
  });
});

describe('catalog', () => {
  it('lists scenarios with versions and the learner\'s progress', async () => {
    const answer = await browser.get<{ id: string; versions: string[]; progress: { completedSteps: number; totalSteps: number; finished: boolean } }[]>('/api/scenarios');
    const entry = answer.body.find((s) => s.id === SCENARIO)!;
    expect(entry.versions).toEqual(['1.31', '1.33']);
    expect(entry.progress).toMatchObject({ completedSteps: 0, finished: false });
    expect(entry.progress.totalSteps).toBeGreaterThan(0);
  });

  it('renders a scenario\'s text for the asked version', async () => {
    type Page = { version: string; introHtml: string; steps: { number: number; title: string; html: string }[]; finishHtml: string };
    const v131 = (await browser.get<Page>(`/api/scenarios/${SCENARIO}?version=1.31`)).body;
    const v133 = (await browser.get<Page>(`/api/scenarios/${SCENARIO}?version=1.33`)).body;
    expect(v131.version).toBe('1.31');
    expect(v131.steps[0]!.html).toContain('RBAC said yes, yet the kubelet refuses');
    expect(v131.steps[0]!.html).not.toContain('Here the kubelet agrees with RBAC');
    expect(v133.steps[0]!.html).toContain('Here the kubelet agrees with RBAC');
    expect(v131.steps[0]!.html).toContain('<pre><code class="language-bash">');
    expect(v131.steps[0]!.html).not.toContain(`<h1>${v131.steps[0]!.title}`);
    expect(v131.introHtml).toContain('NODE_IP');
    expect(v131.finishHtml).toContain('<h1>');
    expect((await browser.get<ErrorBody>(`/api/scenarios/${SCENARIO}?version=1.36`)).body.error.code).toBe('VERSION_NOT_OFFERED');
  });
});

describe('a lab', () => {
  it('starts ready on the asked version, and POST again returns the same lab', async () => {
    const started = await browser.send<{ labId: string; state: string; version: string; gitVersion: string; nodes: { name: string; kubeletPort: number }[] }>('POST', '/api/lab', {
      scenarioId: SCENARIO,
      version: '1.31',
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ state: 'ready', version: '1.31', gitVersion: 'v1.31.14' });
    expect(started.body.nodes[0]).toMatchObject({ kubeletPort: 10250 });
    expect(started.body.nodes[0]!.name).toMatch(/-control-plane$/);
    const again = await browser.send<{ labId: string }>('POST', '/api/lab', { scenarioId: SCENARIO, version: '1.31' });
    expect(again.body.labId).toBe(started.body.labId);
    expect((await browser.get<{ labId: string }>('/api/lab')).body.labId).toBe(started.body.labId);
  });

  it('gives hints on demand, and the solution only after a check', async () => {
    const one = await browser.get<{ hints: string[] }>('/api/lab/steps/1/hints');
    const two = await browser.get<{ hints: string[] }>('/api/lab/steps/1/hints?count=2');
    expect(one.body.hints).toHaveLength(1);
    expect(two.body.hints).toHaveLength(2);
    expect(two.body.hints[0]).toBe(one.body.hints[0]);
    expect((await browser.get<ErrorBody>('/api/lab/steps/1/hints?count=lots')).status).toBe(400);
    expect((await browser.get<ErrorBody>('/api/lab/steps/9/hints')).body.error.code).toBe('STEP_NOT_FOUND');

    const early = await browser.get<ErrorBody>('/api/lab/steps/1/solution');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CHECK_FIRST');
  });

  it('grades a step with a report per check, and opens its solution', async () => {
    const answer = await browser.send<StepReport>('POST', '/api/lab/steps/1/check');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ scenario: SCENARIO, step: 1, version: '1.31', passed: false });
    const kubelet = answer.body.checks.find((c) => c.id === 'kubelet-pods')!;
    // The untouched 1.31 cluster: the kubelet refuses Prometheus, as the step expects it to.
    expect(kubelet.passed).toBe(true);
    expect(kubelet.output).toContain('subresource=proxy');
    const answerCheck = answer.body.checks.find((c) => c.id === 'pods-status')!;
    expect(answerCheck.passed).toBe(false);
    expect(answerCheck.why.length).toBeGreaterThan(10);
    const solution = await browser.get<{ script: string }>('/api/lab/steps/1/solution');
    expect(solution.body.script).toMatch(/^#!\/usr\/bin\/env bash/);
  });

  it('lists the kubelet decisions newest first', async () => {
    const answer = await browser.get<KubeletDecision[]>('/api/lab/decisions?limit=5');
    expect(answer.body.length).toBeGreaterThan(0);
    expect(answer.body.length).toBeLessThanOrEqual(5);
    const seqs = answer.body.map((d) => d.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(answer.body.some((d) => d.path === '/pods' && d.authentication?.user === 'system:serviceaccount:monitoring:prometheus')).toBe(true);
  });

  it('computes the access matrix from the lab\'s RBAC for every version', async () => {
    const answer = await browser.send<AccessMatrix>('POST', '/api/access-matrix', { subject: 'ServiceAccount:monitoring/prometheus' });
    expect(answer.status).toBe(200);
    expect(answer.body.versions).toEqual(['1.31', '1.33', '1.36']);
    const pods = (v: string) => answer.body.cells.find((c) => c.endpoint === 'pods' && c.version === v)!;
    // The setup grants get nodes/pods: useless to a 1.31 kubelet, enough for 1.33 and 1.36.
    expect(pods('1.31')).toMatchObject({ allowed: false, subresources: ['proxy'] });
    expect(pods('1.31').reason).toContain('subresource=proxy');
    expect(pods('1.33')).toMatchObject({ allowed: true, subresources: ['pods'] });
    expect(pods('1.36').reason).toContain('kubelet-pod-reader');
    const bad = await browser.send<ErrorBody>('POST', '/api/access-matrix', { subject: 'Robot:r2d2' });
    expect(bad.status).toBe(400);
  });

  it('counts a step passed after its solution ran in the catalog progress', async () => {
    const lab = server.sessions.get(browser.sessionId)!.lab!;
    const solution = await runScenarioScript(lab.cluster!, lab.scenario, lab.scenario.steps[0]!.solution, { kubectl: await testKubectl(), dataDir: server.dataDir, version: '1.31' });
    expect(solution.code, solution.output).toBe(0);
    const solved = await browser.send<StepReport>('POST', '/api/lab/steps/1/check');
    expect(solved.body.passed).toBe(true);
    const entry = (await browser.get<{ id: string; progress: { startedAt?: string; completedSteps: number; finished: boolean } }[]>('/api/scenarios')).body.find((s) => s.id === SCENARIO)!;
    expect(entry.progress.startedAt).toMatch(/^\d{4}-/);
    expect(entry.progress).toMatchObject({ completedSteps: 1, finished: false });
  });

  it('rate-limits checks with 429 and Retry-After', async () => {
    const session = server.sessions.get(browser.sessionId)!;
    while (session.checkBucket.take().ok);
    const answer = await browser.send<ErrorBody>('POST', '/api/lab/steps/1/check');
    expect(answer.status).toBe(429);
    expect(answer.body.error.code).toBe('RATE_LIMITED');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('deletes the lab and its cluster', async () => {
    const kubeconfig = server.sessions.get(browser.sessionId)!.lab!.cluster!.kubeconfigPath;
    expect((await browser.send('DELETE', '/api/lab')).status).toBe(204);
    expect((await browser.get<ErrorBody>('/api/lab')).body.error.code).toBe('NO_LAB');
    expect(server.labs.running).toBe(0);
    expect(existsSync(kubeconfig)).toBe(false);
  });
});

describe('the front end', () => {
  it('serves the built front end with its CSP, and index.html for page paths', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'kubelab-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>lab</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
    const web = await startTestServer({ webDir });
    try {
      const page = await fetch(new URL('/scenarios/x', web.url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>lab</title>');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect((await fetch(new URL('/assets/app.js', web.url))).status).toBe(200);
      expect((await fetch(new URL('/assets/missing.js', web.url))).status).toBe(404);
    } finally {
      await web.close();
    }
  });

  it('says to build it when it is not built', async () => {
    const web = await startTestServer({ webDir: mkdtempSync(join(tmpdir(), 'kubelab-web-empty-')) });
    try {
      const page = await fetch(web.url);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('npm run build');
    } finally {
      await web.close();
    }
  });
});

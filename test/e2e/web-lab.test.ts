// The web lab in real Chromium against the real server (`kubelab start`): what a learner does,
// from the catalog to a finished scenario, and the security properties they rely on.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { screenshot, typeInTerminal, waitForTerminal } from './support/lab-page.js';
import { launchLabServer, type E2eServer } from './support/lab-server.js';

const SCENARIO = { id: 'why-nodes-proxy', title: 'Why nodes/proxy was the only option', steps: 2 };
const LONG = 180_000;

interface LabAnswer {
  state: string;
  version: string;
  nodes: { name: string }[];
}

describe.skipIf(!chromiumAvailable)('the web lab in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([launchLabServer(), launchChromium()]);
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, LONG);

  it('lists the scenario with its facts and opens it from the keyboard', async () => {
    await page.goto('/');
    const card = page.locator('.card', { hasText: SCENARIO.title });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/beginner/i);
    expect(text).toContain('20 min');
    expect(text).toMatch(/v1\.31[\s\S]*v1\.33/);
    expect(text).toContain(`Not started · ${SCENARIO.steps} steps`);
    await screenshot(page, 'catalog');

    // Tab from the top of the page to the card's link, then Enter.
    let focused = '';
    for (let i = 0; i < 10 && focused !== SCENARIO.title; i++) {
      await page.keyboard.press('Tab');
      focused = String(await page.evaluate('document.activeElement.textContent'));
    }
    expect(focused).toBe(SCENARIO.title);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/#/scenarios/${SCENARIO.id}`);
    await page.locator('h1', { hasText: SCENARIO.title }).waitFor();
  });

  it('shows a readable error with a fix when Check is pressed before the lab runs', async () => {
    await page.getByRole('button', { name: 'Check step 1' }).click();
    const alert = page.locator('.step-results .notice-error');
    await alert.waitFor();
    expect(await alert.locator('.notice-message').innerText()).not.toBe('');
    expect(await alert.locator('.notice-fix').innerText()).toMatch(/^What to do: \S/);
  });

  it('starts the lab and `kubectl get nodes` in the terminal shows the node', async () => {
    await page.selectOption('#lab-version', '1.33');
    await page.getByRole('button', { name: 'Start the lab' }).click();
    await page.locator('.terminal-status', { hasText: 'Connected' }).waitFor({ timeout: 60_000 });
    const lab = (await (await page.request.get('/api/lab')).json()) as LabAnswer;
    expect(lab.state).toBe('ready');
    expect(lab.version).toBe('1.33');
    const node = lab.nodes[0]!.name;

    await typeInTerminal(page, 'kubectl get nodes');
    await waitForTerminal(page, new RegExp(`${node}\\s+Ready\\s+control-plane`));
    expect(await page.locator('.lab-facts').innerText()).toContain(node);
    // The start's stages, each ticked off, folded into one line once the lab is ready.
    expect(await page.locator('.progress-title').innerText()).toMatch(/\((\d+) of \1 stages done\)/);
    expect(await page.locator('.progress-stage', { hasText: 'Lab ready' }).textContent()).toContain('✓');
    expect(await page.locator('[role=timer]').innerText()).toMatch(/\d\d:\d\d/);

    // Tab completes in the shell; F6 and Shift+F6 are the keyboard's way out of the terminal.
    const focused = () => page.evaluate('document.activeElement.className + " " + (document.activeElement.id || "")');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('F6');
    expect(await focused()).toContain('decisions');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Shift+F6');
    expect(await focused()).toContain('terminal-reader-mode');
    await screenshot(page, 'scenario-terminal');
  }, LONG);

  it('Check shows the failing checks with command, output, expectation and explanation', async () => {
    await page.getByRole('button', { name: 'Check step 1' }).click();
    await page.locator('.check-report').waitFor({ timeout: 60_000 });
    const failed = page.locator('.check-failed');
    expect(await failed.count()).toBeGreaterThan(0);
    const first = await failed.first().innerText();
    for (const field of ['Command', 'Output', 'Expected', 'Explanation']) expect(first).toContain(field);
    expect(await page.locator('.check-announce').innerText()).toMatch(/Step 1: \d+ of \d+ checks passed\. Not yet: /);
    await screenshot(page, 'check-results');
  }, LONG);

  it('the solutions typed through the terminal make every check pass and finish the scenario', async () => {
    for (let step = 1; step <= SCENARIO.steps; step++) {
      await page.locator('.step-link').nth(step - 1).click();
      if (await page.getByRole('button', { name: 'Show the solution' }).isHidden()) {
        await page.getByRole('button', { name: `Check step ${step}` }).click();
        await page.locator('.check-report').waitFor({ timeout: 60_000 });
      }
      await page.getByRole('button', { name: 'Show the solution' }).click();
      await page.locator('.solution').getByRole('button', { name: 'Run in terminal' }).click();
      await typeInTerminal(page, `echo "solution-${step}-exit=$?"`);
      await waitForTerminal(page, new RegExp(`solution-${step}-exit=0`), 90_000);

      await page.getByRole('button', { name: `Check step ${step}` }).click();
      await page.locator('.report-passed').waitFor({ timeout: 60_000 });
      expect(await page.locator('.check-failed').count()).toBe(0);
      expect(await page.locator('.check-announce').innerText()).toContain('Step complete.');
    }
    await page.getByRole('heading', { name: '✓ Scenario complete' }).waitFor();
    await screenshot(page, 'scenario-finished');
  }, LONG);

  it('the kubelet decisions panel shows the kubelet calls the solutions made', async () => {
    const decision = page.locator('.decision', { hasText: 'GET /pods' }).first();
    await decision.waitFor();
    expect(await decision.innerText()).toMatch(/nodes\/pods/);
  });

  it('a reload brings back the same shell with its scrollback and the progress', async () => {
    await typeInTerminal(page, 'export E2E_MARK="pid$$-$RANDOM"; echo "mark:$E2E_MARK"');
    const before = await waitForTerminal(page, /mark:(pid\d+-\d+)/);
    const mark = /mark:(pid\d+-\d+)/.exec(before)![1]!;

    await page.reload();
    await page.locator('.terminal-status', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
    await waitForTerminal(page, new RegExp(`mark:${mark}`));
    await typeInTerminal(page, 'echo "again:$E2E_MARK"');
    await waitForTerminal(page, new RegExp(`again:${mark}`));
    expect(await page.locator('.step-done').count()).toBe(SCENARIO.steps);
    expect(await page.locator('[role=timer]').innerText()).not.toBe('00:00');
  }, LONG);

  it('the access matrix shows per version what a subject may call, with reasons on hover and focus', async () => {
    await page.getByRole('link', { name: 'Access matrix' }).click();
    await page.selectOption('#subject-kind', 'ServiceAccount');
    await page.fill('#subject-name', 'monitoring/prometheus');
    await page.getByRole('button', { name: 'Show access' }).click();
    const table = page.locator('table.matrix');
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Endpoint group', 'Request', 'v1.31', 'v1.33', 'v1.36']);

    // The scenario's lesson: nodes/pods is enough for /pods from v1.33 on, not on v1.31.
    const pods = table.locator('tbody tr', { has: page.locator('code', { hasText: /^GET \/pods$/ }) });
    const cells = pods.locator('button.cell');
    expect(await cells.allInnerTexts()).toEqual(['✗ denied', '✓ allowed', '✓ allowed']);
    expect(await pods.locator('th').innerText()).toContain('differs by version');

    await cells.nth(0).focus();
    const tip = pods.locator('.tooltip').nth(0);
    await tip.waitFor({ state: 'visible' });
    expect(await tip.innerText()).toMatch(/proxy/);
    await cells.nth(1).hover();
    expect(await pods.locator('.tooltip').nth(1).innerText()).toMatch(/pods/);
    await screenshot(page, 'access-matrix');
  }, LONG);

  it('the catalog shows the finished scenario', async () => {
    await page.getByRole('link', { name: 'Scenarios' }).click();
    const card = page.locator('.card', { hasText: SCENARIO.title });
    await card.waitFor();
    expect(await card.innerText()).toContain(`Finished: all ${SCENARIO.steps} steps pass`);
  });

  it('Reset asks first, then gives a fresh cluster with a fresh shell', async () => {
    await page.getByRole('link', { name: SCENARIO.title }).click();
    await page.locator('.terminal-status', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
    const labId = async () => ((await (await page.request.get('/api/lab')).json()) as { labId: string }).labId;
    const before = await labId();

    await page.getByRole('button', { name: 'Reset cluster' }).click();
    await page.getByRole('dialog', { name: 'Reset the cluster?' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await labId()).toBe(before);

    await page.getByRole('button', { name: 'Reset cluster' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await expect.poll(labId, { timeout: 60_000 }).not.toBe(before);
    const lab = (await (await page.request.get('/api/lab')).json()) as LabAnswer;
    await waitForTerminal(page, new RegExp(lab.nodes[0]!.name), 30_000);
    await typeInTerminal(page, 'echo "mark:${E2E_MARK:-gone}"');
    await waitForTerminal(page, /mark:gone/);
  }, LONG);

  it('switching version asks first, then brings a cluster and the text of that version', async () => {
    expect(await page.locator('.step-text').innerText()).not.toContain('RBAC said yes, yet the kubelet refuses');
    await page.selectOption('#lab-version', '1.31');
    await page.getByRole('dialog').getByRole('button', { name: 'Switch to v1.31' }).click();
    await page.locator('.lab-facts', { hasText: 'v1.31.' }).waitFor({ timeout: 60_000 });
    expect(((await (await page.request.get('/api/lab')).json()) as LabAnswer).version).toBe('1.31');
    await page.locator('.step-text', { hasText: 'RBAC said yes, yet the kubelet refuses' }).waitFor();
    await typeInTerminal(page, 'kubectl version -o json | grep gitVersion | tail -1');
    await waitForTerminal(page, /"gitVersion": "v1\.31\.\d+"/);
  }, LONG);

  it('refuses a socket.io connection from a foreign Origin, even with the session cookie', async () => {
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const connect = (origin: string, transport: 'polling' | 'websocket') =>
      new Promise<'connected' | string>((done) => {
        const socket = io(`${server.url}/lab`, { transports: [transport], extraHeaders: { Origin: origin, Cookie: cookie }, reconnection: false, timeout: 10_000 });
        socket.on('connect', () => {
          socket.close();
          done('connected');
        });
        socket.on('connect_error', (e) => {
          socket.close();
          done(`refused: ${e.message}`);
        });
      });
    for (const transport of ['polling', 'websocket'] as const) {
      expect(await connect(server.url, transport)).toBe('connected');
      expect(await connect('https://evil.example', transport)).toMatch(/^refused/);
    }
  });

  it('ran under a CSP that forbids inline script, without a violation or a script error', async () => {
    const response = await page.request.get('/');
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});

// A scenario whose every author-controlled text carries script payloads (fixtures/scenarios):
// rendered by the web lab in Chromium, none may run, and none may leave active content behind.

import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { ACTIVE_CONTENT_AUDIT, typeInTerminal, waitForTerminal } from './support/lab-page.js';
import { launchLabServer, type E2eServer } from './support/lab-server.js';

const LONG = 180_000;

describe.skipIf(!chromiumAvailable)('scenario text with script payloads', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([launchLabServer({ scenariosDir: resolve(import.meta.dirname, 'fixtures/scenarios') }), launchChromium()]);
    page = await browser.newPage({ baseURL: server.url });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, LONG);

  const ran = async () => ({ flag: await page.evaluate('window.__xss'), dialogs, active: await page.evaluate(ACTIVE_CONTENT_AUDIT) });
  const inert = { flag: undefined, dialogs: [], active: [] };

  it('the catalog shows the payload in the title as text', async () => {
    await page.goto('/');
    const title = page.locator('.card-title');
    await title.waitFor();
    expect(await title.innerText()).toBe('Payloads <img src=x onerror="window.__xss=\\"title\\"">');
    expect(await page.locator('.card-summary').innerText()).toContain('with code and');
    expect(await ran()).toEqual(inert);
  });

  it('step text, hints, check reports and the closing text stay inert through a whole run', async () => {
    await page.locator('.card-title a').click();
    await page.locator('.step-text').waitFor();
    expect(await page.locator('.step-text').innerText()).toContain('raw javascript link');
    expect(await ran()).toEqual(inert);

    await page.getByRole('button', { name: 'Start the lab' }).click();
    await page.locator('.terminal-status', { hasText: 'Connected' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Show a hint' }).click();
    await page.locator('.hints li').first().waitFor();
    await page.getByRole('button', { name: 'Show another hint' }).click();
    await page.locator('.hints li').nth(1).waitFor();
    expect(await page.locator('.hints').innerText()).toContain('javascript');

    await page.getByRole('button', { name: 'Check step 1' }).click();
    await page.locator('.check-failed').waitFor({ timeout: 60_000 });
    expect(await page.locator('.check-title').innerText()).toContain('<img src=x onerror=');

    // The step's own code block, run through the terminal, carries a payload into the shell output.
    await page.locator('.step-text').getByRole('button', { name: 'Run in terminal' }).click();
    await waitForTerminal(page, /configmap\/xss-marker created/, 30_000);
    await typeInTerminal(page, 'kubectl get configmap xss-marker -o jsonpath={.data.payload}; echo');
    await waitForTerminal(page, /<img src=x onerror=window.__xss=1>/);

    await page.getByRole('button', { name: 'Check step 1' }).click();
    await page.locator('.report-passed').waitFor({ timeout: 60_000 });
    await page.locator('.finish').waitFor();
    expect(await page.locator('.finish').innerText()).toContain('Done');
    expect(await ran()).toEqual(inert);
    expect(await page.locator('body').isVisible()).toBe(true);
  }, LONG);
});

// Classroom and exam mode in real Chromium against the real server (`kubelab start --classroom`):
// the instructor claims the dashboard with the printed link, creates a two-minute exam, two
// learners (separate browser contexts) join with the code and work in their terminals, the
// roster follows live, the exam ends on time with a report per learner, and the CSV export says
// what the pages said. One learner's display name is an HTML payload: it must stay text.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solutionCommand } from '../../web/src/solution-command.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { parseCsv } from './support/csv.js';
import { ACTIVE_CONTENT_AUDIT, screenshot, typeInTerminal, waitForTerminal } from './support/lab-page.js';
import { launchLabServer, ROOT, type E2eServer } from './support/lab-server.js';

const SCENARIO = { id: 'why-nodes-proxy', dir: '01-why-nodes-proxy', title: 'Why nodes/proxy was the only option' };
const VERSION = '1.33';
// Long enough for both learners to start and type a solution on a busy machine; the last tests wait it out.
const EXAM_MINUTES = 2;
const PAYLOAD = '<img src=x onerror=alert(1)>';
const LONG = 240_000;

interface Learner {
  name: string;
  context: BrowserContext;
  page: Page;
}

/** A step's solution as the learner would type it: the script fed to a child bash. */
function solution(file: string): string {
  return solutionCommand(readFileSync(join(ROOT, 'scenarios', SCENARIO.dir, 'solutions', file), 'utf8'));
}

/** The verdict of every check in a learner's report page: "step/title" → passed. */
async function reportVerdicts(page: Page): Promise<Map<string, boolean>> {
  const verdicts = new Map<string, boolean>();
  for (const step of await page.locator('.score-step').all()) {
    const number = /Step (\d+)/.exec(await step.locator('.score-step-title').innerText())![1]!;
    for (const check of await step.locator('details.check').all()) {
      verdicts.set(`${number}/${await check.locator('.check-title').innerText()}`, (await check.getAttribute('class'))!.includes('check-passed'));
    }
  }
  return verdicts;
}

describe.skipIf(!chromiumAvailable)('classroom and exam mode in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let instructor: Page;
  let joinUrl = '';
  let joinCode = '';
  const learners: Learner[] = [];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  const watch = (page: Page) => {
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) pageErrors.push(m.text());
    });
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([launchLabServer({ classroom: true }), launchChromium()]);
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
    instructor = await context.newPage();
    watch(instructor);
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, LONG);

  it('the printed instructor link opens the dashboard and leaves no secret in the address bar', async () => {
    expect(server.instructorUrl).toMatch(/\/instructor#claim=.+/);
    await instructor.goto(server.instructorUrl!);
    await instructor.getByRole('heading', { name: 'Classes', level: 1 }).waitFor();
    // replaceState: the secret is not in the address bar, nor in the entry the history keeps.
    expect(instructor.url()).toBe(`${server.url}/instructor`);

    // The secret is spent: the same link in another browser is refused, with what to do.
    const other = await browser.newPage({ baseURL: server.url });
    await other.goto(server.instructorUrl!);
    const refusal = other.locator('.notice-error');
    await refusal.waitFor();
    expect(await refusal.locator('.notice-message').innerText()).toMatch(/wrong or has been used already/);
    expect(await refusal.locator('.notice-fix').innerText()).toMatch(/^What to do: \S/);
    expect(other.url()).toBe(`${server.url}/instructor`);
    await other.close();
  });

  it('creates a two-minute exam and shows its join code large enough to project', async () => {
    // The form lists the scenarios from GET /api/scenarios: the instructor must be able to read it.
    expect(await instructor.locator('.class-form .notice-error').allInnerTexts(), 'the new-class form could not load the scenarios').toEqual([]);
    await instructor.fill('#class-name', 'CKS exam drill');
    const scenarios = instructor.locator('fieldset', { hasText: 'Scenarios' });
    for (const box of await scenarios.locator('input[type=checkbox]').all()) await box.setChecked((await box.getAttribute('value')) === SCENARIO.id);
    const versions = instructor.locator('fieldset', { hasText: 'Kubernetes versions' });
    for (const box of await versions.locator('input[type=checkbox]:not([disabled])').all()) await box.setChecked((await box.getAttribute('value')) === VERSION);
    await instructor.fill('#class-exam', String(EXAM_MINUTES));
    await instructor.getByRole('button', { name: 'Create class' }).click();

    await instructor.getByRole('heading', { name: 'CKS exam drill', level: 1 }).waitFor();
    joinCode = await instructor.locator('.join-code').innerText();
    expect(joinCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    joinUrl = await instructor.locator('.join-url').innerText();
    expect(joinUrl).toBe(`${server.url}/join?code=${joinCode}`);
    expect(await instructor.locator('.class-badges').innerText()).toContain('Exam · 2 minutes');
    // Big: at least 40 px high glyphs for the back of the room.
    const fontSize = Number(await instructor.evaluate('parseFloat(getComputedStyle(document.querySelector(".join-code")).fontSize)'));
    expect(fontSize).toBeGreaterThanOrEqual(40);
    expect(await instructor.locator('.roster-empty').isVisible()).toBe(true);
  });

  it('two learners join with the code; the roster lists them live, the HTML name as text', async () => {
    for (const [name, how] of [
      ['Ada Lovelace', 'link'],
      [PAYLOAD, 'code'],
    ] as const) {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      watch(page);
      if (how === 'link') {
        await page.goto(joinUrl);
        expect(await page.inputValue('#join-code')).toBe(joinCode);
      } else {
        // Anyone who has not joined lands on the join page; the code may be typed loosely.
        await page.goto('/');
        await page.waitForURL('**/join');
        await page.fill('#join-code', joinCode.toLowerCase().replace('-', ' '));
      }
      await page.fill('#join-name', name);
      await page.getByRole('button', { name: 'Join the class' }).click();
      await page.locator('.card', { hasText: SCENARIO.title }).waitFor();
      expect(await page.locator('.site-who').innerText()).toBe(`${name} · CKS exam drill`);
      expect(await page.locator('.exam-banner').innerText()).toMatch(/2 minutes, starting when you start the lab/);
      learners.push({ name, context, page });
    }

    const rows = instructor.locator('.roster-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await instructor.locator('.learner-link').allInnerTexts()).toEqual(['Ada Lovelace', PAYLOAD]);
    expect(await instructor.locator('.roster-table img').count()).toBe(0);
    expect(await learners[1]!.page.locator('.site-who').innerHTML()).toBe('&lt;img src=x onerror=alert(1)&gt; · CKS exam drill');
  }, LONG);

  it('in the exam, Check, hints and solutions are gone; starting the lab starts the clock', async () => {
    for (const { page } of learners) {
      await page.locator('.card-title a').click();
      await page.locator('.step-text').first().waitFor();
      expect(await page.getByRole('button', { name: /Check step/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /hint/i }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /solution/i }).count()).toBe(0);
      await page.getByRole('button', { name: 'Start the lab' }).click();
      await page.locator('.terminal-status', { hasText: 'Connected' }).waitFor({ timeout: 60_000 });
      await page.locator('.exam-clock-value').waitFor();
      expect(await page.locator('.exam-clock-value').innerText()).toMatch(/^0[01]:[0-5]\d$|^02:00$/);
    }
    // The roster shows both at work.
    for (const { name } of learners) {
      const row = instructor.locator('.roster-table tbody tr', { has: instructor.locator('.learner-link', { hasText: name }) });
      await expect.poll(() => row.locator('.roster-scenario').innerText(), { timeout: 15_000 }).toMatch(new RegExp(`${SCENARIO.title}[\\s\\S]*v${VERSION}[\\s\\S]*lab running`));
      expect(await row.locator('.presence-dot').count()).toBe(1);
      expect(await row.getAttribute('class')).toContain('is-online');
    }
  }, LONG);

  it('the learners type in their terminals; the instructor watches one read-only', async () => {
    const [ada, other] = learners as [Learner, Learner];
    await typeInTerminal(ada.page, solution('01-rbac-says-yes.sh'));
    await typeInTerminal(ada.page, solution('02-the-only-option.sh'));
    await typeInTerminal(ada.page, 'echo "ada-done:$?"');
    await waitForTerminal(ada.page, /ada-done:0/, 60_000);
    await typeInTerminal(other.page, 'kubectl get nodes');
    await waitForTerminal(other.page, /Ready\s+control-plane/);
    await screenshot(ada.page, 'exam-learner-working');

    await instructor.locator('.learner-link', { hasText: 'Ada Lovelace' }).click();
    await instructor.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    await waitForTerminal(instructor, /ada-done:0/);
    // Keys pressed in the watched terminal reach nobody.
    await instructor.locator('.xterm-helper-textarea').focus();
    await instructor.keyboard.type('echo instructor-was-here');
    await instructor.keyboard.press('Enter');
    await typeInTerminal(ada.page, 'echo "still-mine"');
    await waitForTerminal(ada.page, /still-mine/);
    expect(await ada.page.locator('.xterm-rows').innerText()).not.toContain('instructor-was-here');

    // Grading on demand, before the deadline: the full report, every check passing.
    await instructor.getByRole('button', { name: 'Grade now' }).click();
    await instructor.locator('.learner-report .score-report').waitFor({ timeout: 60_000 });
    expect(await instructor.locator('.learner-report .score-count').innerText()).toMatch(/^(\d+) of \1 points$/);
    expect(await instructor.locator('.learner-report .score-facts').innerText()).toContain('by the instructor');
    await screenshot(instructor, 'instructor-watch-terminal');
    await instructor.locator('.breadcrumb a').click();
    await instructor.locator('.roster-table').waitFor();
  }, LONG);

  it('the exam ends on time: each learner gets a report per check, the terminal closes, the roster shows the scores', async () => {
    const scores = new Map<string, string>();
    for (const { name, page } of learners) {
      await page.locator('.exam-result .score-report').waitFor({ timeout: EXAM_MINUTES * 60_000 + 60_000 });
      expect(await page.locator('.terminal-status').innerText()).toBe('Closed');
      expect(await page.locator('.terminal-pane .notice').innerText()).toMatch(/exam is over/);
      expect(await page.getByRole('button', { name: 'Start the lab' }).isVisible()).toBe(false);
      // Every check carries its evidence (passed ones folded away: textContent reads them too).
      for (const check of await page.locator('.score-report details.check').all()) {
        const text = await check.textContent();
        for (const field of ['Command', 'Output', 'Why']) expect(text).toContain(field);
      }
      expect(await page.locator('.exam-banner').innerText()).toMatch(/The exam is over\.[\s\S]*Your score: \d+%/);
      scores.set(name, await page.locator('.score-count').innerText());
    }
    await screenshot(learners[0]!.page, 'exam-learner-report');

    const [ada, other] = learners as [Learner, Learner];
    const adaCount = /(\d+) of (\d+)/.exec(scores.get(ada.name)!)!;
    const otherCount = /(\d+) of (\d+)/.exec(scores.get(other.name)!)!;
    expect(adaCount[1]).toBe(adaCount[2]);
    expect(Number(otherCount[1])).toBeLessThan(Number(otherCount[2]));

    for (const { name } of learners) {
      const row = instructor.locator('.roster-table tbody tr', { has: instructor.locator('.learner-link', { hasText: name }) });
      const [passed, total] = /(\d+) of (\d+)/.exec(scores.get(name)!)!.slice(1);
      await expect.poll(() => row.locator('.roster-score').innerText(), { timeout: 15_000 }).toContain(`${passed} / ${total}`);
      await expect.poll(() => row.locator('.roster-exam').innerText()).toBe('ended');
    }
    expect(await instructor.locator('.roster-table tbody tr').first().locator('.chip').count()).toBeGreaterThan(0);
    await screenshot(instructor, 'instructor-dashboard');

    // A reload after the end lands on the report, not on a lab that is gone.
    await other.page.reload();
    await other.page.getByRole('heading', { name: 'Your exam result', level: 1 }).waitFor();
    expect(await other.page.locator('.score-report dd').first().innerText()).toBe(PAYLOAD);
  }, LONG);

  it('the CSV export holds, per learner, the verdicts their report showed', async () => {
    const href = await instructor.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const response = await instructor.request.get(href!);
    expect(response.status()).toBe(200);
    const rows = parseCsv(await response.text());
    for (const { name, page } of learners) {
      const shown = await reportVerdicts(page);
      const latest = new Map<string, boolean>();
      for (const r of rows.filter((r) => r.learner === name)) latest.set(`${r.step}/${r.check_title}`, r.passed === 'pass');
      expect(rows.filter((r) => r.learner === name).every((r) => r.scenario === SCENARIO.id && r.version === VERSION)).toBe(true);
      expect(latest).toEqual(shown);
    }
    expect(rows.some((r) => r.trigger === 'exam-end')).toBe(true);
  });

  it('closing the class turns new learners away with the reason and what to do', async () => {
    await instructor.getByRole('button', { name: 'Close class' }).click();
    await instructor.getByRole('dialog').getByRole('button', { name: 'Close class' }).click();
    await instructor.locator('.pill-closed').waitFor();
    expect(await instructor.locator('.join-label').innerText()).toMatch(/class closed/i);
    expect(await instructor.getByRole('button', { name: 'Close class' }).isVisible()).toBe(false);

    const late = await browser.newPage({ baseURL: server.url });
    watch(late);
    await late.goto(joinUrl);
    await late.fill('#join-name', 'Late Larry');
    await late.getByRole('button', { name: 'Join the class' }).click();
    const refusal = late.locator('.notice-error');
    await refusal.waitFor();
    expect(await refusal.locator('.notice-message').innerText()).toMatch(/is closed/);
    expect(await refusal.locator('.notice-fix').innerText()).toMatch(/^What to do: \S/);
    expect(await late.locator('main').innerText()).not.toMatch(/[{}]"?error"?/);
    await late.close();
  });

  it('nothing ran: no dialog, no active content, no script error or CSP violation', async () => {
    for (const page of [instructor, ...learners.map((l) => l.page)]) {
      // Playwright's screenshots leave an empty style attribute on form fields (hiding the caret):
      // inert, and not the page's doing.
      await page.evaluate(`for (const el of document.querySelectorAll('main [style=""]')) el.removeAttribute('style')`);
      expect(await page.evaluate(ACTIVE_CONTENT_AUDIT)).toEqual([]);
    }
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

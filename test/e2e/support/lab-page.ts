// What a learner does on the lab page, as test steps: type in the terminal, read it, take a
// screenshot. The terminal is xterm.js with its DOM renderer, so its visible rows are page text.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './lab-server.js';

export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');

export async function typeInTerminal(page: Page, command: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

export function terminalText(page: Page): Promise<string> {
  return page.locator('.xterm-rows').innerText();
}

export async function waitForTerminal(page: Page, pattern: RegExp, timeout = 20_000): Promise<string> {
  await expect.poll(() => terminalText(page), { timeout, message: `terminal never showed ${pattern}` }).toMatch(pattern);
  return terminalText(page);
}

/** The whole page from the top, where the lab pane (sticky beside the steps) sits in a real window. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Everything in the page that could run script or restyle it: a sanitizer that let anything
 * through leaves a trace here. Evaluated in the page (kept as text: the tests compile without DOM types).
 */
export const ACTIVE_CONTENT_AUDIT = `(() => {
  const found = [];
  const main = document.querySelector('main');
  for (const el of main.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
      if (['href', 'src', 'action', 'xlink:href', 'formaction'].includes(attr.name) && /^(javascript|data|vbscript):/.test(value)) found.push(el.tagName + ' ' + attr.name + '=' + value);
      if (attr.name === 'style' && !el.closest('.xterm')) found.push(el.tagName + ' style');
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'META', 'BASE', 'LINK'].includes(el.tagName)) found.push(el.tagName);
    if (el.tagName === 'STYLE' && !el.closest('.xterm')) found.push('STYLE');
  }
  return found;
})()`;

// Every code block in scenario text gets "Copy" and, for shell code, "Run in terminal", which
// types the block at the lab's prompt. The buttons say what they did through a status region.

import { h } from '../dom.js';

const SHELL_LANGUAGES = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh']);

export type RunInTerminal = (text: string) => void;

function languageOf(code: HTMLElement): string {
  const cls = [...code.classList].find((c) => c.startsWith('language-'));
  return cls ? cls.slice('language-'.length) : '';
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Adds a toolbar above each `<pre><code>` inside `root`. */
export function addCodeActions(root: ParentNode, run: RunInTerminal): void {
  for (const pre of root.querySelectorAll('pre')) {
    const code = pre.querySelector('code');
    if (!code || pre.parentElement?.classList.contains('code-block')) continue;
    const text = code.textContent ?? '';
    const said = h('span', { class: 'code-said', attrs: { role: 'status' } });
    const say = (message: string) => {
      said.textContent = message;
      window.setTimeout(() => {
        if (said.textContent === message) said.textContent = '';
      }, 2500);
    };
    const copyButton = h('button', {
      class: 'button button-small',
      text: 'Copy',
      attrs: { type: 'button' },
      on: { click: () => void copy(text).then((ok) => say(ok ? 'Copied.' : 'Copy failed: select the text and press Ctrl+C.')) },
    });
    const runButton = SHELL_LANGUAGES.has(languageOf(code))
      ? h('button', {
          class: 'button button-small button-primary',
          text: 'Run in terminal',
          attrs: { type: 'button' },
          on: {
            click: () => {
              run(text);
              say('Sent to the terminal.');
            },
          },
        })
      : null;
    const block = h('div', { class: 'code-block' }, [h('div', { class: 'code-toolbar' }, [said, copyButton, runButton])]);
    pre.replaceWith(block);
    block.appendChild(pre);
    // A long line scrolls inside the block; keyboard users need to reach it to scroll it.
    pre.tabIndex = 0;
  }
}

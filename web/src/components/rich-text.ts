// Scenario HTML as it enters the page: sanitized again, its headings placed under the page's own
// (h1 title, h2 step), and every code block given its Copy / Run in terminal actions.

import { sanitizedFragment } from '../sanitize.js';
import { addCodeActions, type RunInTerminal } from './code-actions.js';

function demoteHeadings(fragment: DocumentFragment): void {
  for (const heading of fragment.querySelectorAll('h1, h2, h3, h4, h5')) {
    const lower = document.createElement(`h${Number(heading.tagName.slice(1)) + 1}`);
    lower.append(...heading.childNodes);
    heading.replaceWith(lower);
  }
}

export function richText(html: string, run: RunInTerminal): DocumentFragment {
  const fragment = sanitizedFragment(html);
  demoteHeadings(fragment);
  addCodeActions(fragment, run);
  return fragment;
}

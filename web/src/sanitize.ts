// The one way HTML enters the page: DOMPurify, returning DOM nodes (never a string to assign).
// Scenario HTML is sanitized by the server already; doing it again here means a server bug or a
// tampered response still cannot run script in the learner's browser.

import DOMPurify from 'dompurify';
import { marked } from 'marked';

const purify = DOMPurify(window);

// Links in scenario text leave the lab in a new tab and cannot reach back through window.opener.
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLAnchorElement && /^https?:/i.test(node.getAttribute('href') ?? '')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const OPTIONS = { FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'], FORBID_ATTR: ['style'] };

export function sanitizedFragment(html: string): DocumentFragment {
  return purify.sanitize(html, { ...OPTIONS, RETURN_DOM_FRAGMENT: true });
}

/** Short texts written in markdown (hints, explanations): `code` and *emphasis* render. */
export function inlineMarkdown(text: string): DocumentFragment {
  return sanitizedFragment(marked.parseInline(text, { async: false }));
}

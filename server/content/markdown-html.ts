// Scenario markdown to HTML that is safe by construction: raw HTML in the markdown is shown as
// text, never passed through, and links keep only http(s), mailto and same-site targets. marked
// escapes everything else it emits. (The contract also asks for DOMPurify on the server; that
// needs a DOM implementation such as jsdom, which the project does not ship. The browser runs
// DOMPurify on this HTML again before inserting it.)

import { Marked, type Tokens } from 'marked';

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const text = this.parser.parseInline(tokens);
      const target = safeHref(href);
      if (!target) return text;
      const external = /^(https?:|mailto:)/i.test(target);
      return `<a href="${escapeHtml(target)}"${title ? ` title="${escapeHtml(title)}"` : ''}${external ? ' target="_blank" rel="noopener noreferrer"' : ''}>${text}</a>`;
    },
    image({ href, title, text }: Tokens.Image): string {
      // Only images the lab serves itself: the CSP blocks others anyway.
      const target = safeHref(href);
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return escapeHtml(text);
      return `<img src="${escapeHtml(target)}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
    },
  },
});

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** A link target kept as it is, or undefined for a scheme that could run code (javascript:, data:, ...). */
function safeHref(href: string): string | undefined {
  // As the URL parser reads it: leading control characters and spaces dropped, tabs and newlines
  // removed anywhere ("java\tscript:" is javascript:).
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
  const trimmed = href.replace(/^[\x00-\x20]+/, '').replace(/[\t\n\r]/g, '').trimEnd();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return trimmed;
  return ['http', 'https', 'mailto'].includes(scheme) ? trimmed : undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

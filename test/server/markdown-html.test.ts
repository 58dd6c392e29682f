// Scenario markdown must reach the page as inert HTML, whatever an author (or an attacker who
// slipped text into a scenario) wrote.

import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../server/content/markdown-html.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<svg onload=alert(1)>',
  'inline <b onmouseover="alert(1)">bold</b> html',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](\u0001javascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x](https://evil.example/track.png)',
  '<a href="javascript:alert(1)">a</a>',
  '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
];

describe('markdown to HTML', () => {
  it.each(PAYLOADS)('keeps %j inert', (payload) => {
    const html = markdownToHtml(payload);
    expect(html).not.toMatch(/<(script|iframe|svg)\b/i);
    // No event handler attribute on any tag (quoted attribute values blanked: text there is inert).
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|vbscript|data):/i);
    expect(html).not.toMatch(/<img[^>]+src="https?:/i);
  });

  it('shows raw HTML as text instead of dropping it', () => {
    expect(markdownToHtml('<script>alert(1)</script>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps what scenarios use: code blocks with their language, inline code, safe links', () => {
    const html = markdownToHtml('Run `kubectl`:\n\n```bash\nkubectl get nodes -o jsonpath=\'{.items[0]}\' && echo "<ok>"\n```\n\nSee [docs](https://kubernetes.io/docs/) and [below](#step-2).');
    expect(html).toContain('<code>kubectl</code>');
    expect(html).toContain('<pre><code class="language-bash">kubectl get nodes -o jsonpath=&#39;{.items[0]}&#39; &amp;&amp; echo &quot;&lt;ok&gt;&quot;\n</code></pre>');
    expect(html).toContain('<a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">docs</a>');
    expect(html).toContain('<a href="#step-2">below</a>');
  });
});

// The built front end (dist/web), with index.html for every other page path so that reloading a
// deep link works; or, in a checkout nobody built, a page that says how to build it.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { escapeHtml } from '../content/markdown-html.js';

export function webFrontEnd(webDir: string): Router {
  const router = express.Router();
  const index = join(webDir, 'index.html');
  router.use(express.static(webDir, { index: false, fallthrough: true }));
  const page: RequestHandler = (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).type('text/plain').send('Method Not Allowed');
      return;
    }
    if (/\.[a-z0-9]+$/i.test(req.path)) {
      // A missing asset, not a page: index.html in its place would only confuse the browser.
      res.status(404).type('text/plain').send('Not Found');
      return;
    }
    if (existsSync(index)) {
      res.sendFile(index);
      return;
    }
    res.status(503).type('html').send(notBuiltPage(webDir));
  };
  router.use(page);
  return router;
}

function notBuiltPage(webDir: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>kubelab: front end not built</title></head>
<body>
<main>
<h1>The kubelab front end is not built</h1>
<p>The lab server is running, but there is no <code>${escapeHtml(join(webDir, 'index.html'))}</code> to serve.</p>
<p>Stop the server (Ctrl-C), run <code>npm run build</code> in the kubelab folder (or just <code>npm start</code>, which builds first), then start it again and reload this page.</p>
</main>
</body>
</html>
`;
}

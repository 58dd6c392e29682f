// Bundles the web lab into dist/web/, which the lab server serves. The page loads one module
// script and stylesheets from its own origin, so a CSP of script-src 'self' holds.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The polyfill is only needed by browsers without <link rel="modulepreload">; none we support.
    modulePreload: { polyfill: false },
  },
});

#!/usr/bin/env node
// Entry point of the `kubelab` command. The TypeScript sources are compiled to dist/ by
// `npm run build`; say so plainly when that has not happened yet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('kubelab is not built yet: run `npm run build` (or `npm start`) in the kubelab folder first.');
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));

// Benchmarks start helper processes from sibling modules. Built, they are .js files in dist/;
// run from sources through tsx (`npx tsx bench/run.ts`), they are .ts files and the child needs
// tsx's loader, which process.execArgv carries.

import { fileURLToPath } from 'node:url';

/** The path of module `name` (no extension) beside `importMetaUrl`, with that module's own extension. */
export function siblingModule(importMetaUrl: string, name: string): string {
  const extension = importMetaUrl.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`./${name}${extension}`, importMetaUrl));
}

/** Node flags for a child that runs one of our modules: the loader we run under, plus `extra`. */
export function childExecArgv(extra: string[] = []): string[] {
  return [...process.execArgv.filter((a) => !a.startsWith('--cpu-prof') && !a.startsWith('--inspect')), ...extra];
}

// Where the shipped scenarios live: the `scenarios/` folder of the kubelab package, found by
// walking up from this module (it runs from the sources under vitest and from dist/ when built).
// $KUBELAB_SCENARIOS_DIR or an explicit folder overrides it.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultScenariosDir(): string {
  if (process.env.KUBELAB_SCENARIOS_DIR) return resolve(process.env.KUBELAB_SCENARIOS_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kubelab') return join(dir, 'scenarios');
    dir = dirname(dir);
  }
  throw new Error('cannot find the kubelab package folder holding scenarios/: set KUBELAB_SCENARIOS_DIR');
}

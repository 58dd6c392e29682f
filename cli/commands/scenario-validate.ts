// `kubelab scenario validate [DIR]`: every problem in one scenario folder, or in every scenario
// under a folder, as `file:line: message — fix`. Exits 1 when there is any.

import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from '../command.js';
import { loadScenario } from '../../server/scenarios/loader.js';
import { loadCatalog, problemLine } from './scenario-common.js';

export const scenarioValidate: Command = {
  path: ['scenario', 'validate'],
  summary: 'Check scenario folders and report every problem with file:line and a fix',
  positionals: '[DIR]',
  details: [
    'DIR is one scenario folder (holding scenario.yaml) or a folder of scenarios; default: the',
    "scenarios kubelab ships. Exit code 0 when all are valid, 1 when any problem was found.",
  ].join('\n'),
  options: {},
  async run(_values, positionals, io) {
    const target = positionals[0];
    if (target && existsSync(join(target, 'scenario.yaml'))) {
      const root = dirname(resolve(target));
      const loaded = loadScenario(root, basename(resolve(target)));
      if (loaded.ok) {
        io.out(`${target}: valid (${loaded.scenario.steps.length} steps, versions ${loaded.scenario.versions.join(', ')})`);
        return 0;
      }
      for (const p of loaded.problems) io.out(problemLine(root, p));
      io.err(`${target}: ${loaded.problems.length} problem(s)`);
      return 1;
    }
    const { root, catalog } = loadCatalog(target);
    for (const bad of catalog.invalid) for (const p of bad.problems) io.out(problemLine(root, p));
    const problems = catalog.invalid.reduce((n, b) => n + b.problems.length, 0);
    io.err(`${catalog.scenarios.length} valid scenario(s)${catalog.invalid.length ? `, ${catalog.invalid.length} invalid with ${problems} problem(s)` : ''} in ${root}`);
    return catalog.invalid.length ? 1 : 0;
  },
};

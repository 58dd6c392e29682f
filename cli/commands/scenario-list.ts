// `kubelab scenario list`: the scenarios this lab ships (or a folder holds).

import type { Command } from '../command.js';
import { loadCatalog, SCENARIOS_DIR_OPTION } from './scenario-common.js';

export const scenarioList: Command = {
  path: ['scenario', 'list'],
  summary: 'List the scenarios',
  details: 'Invalid scenarios are named on stderr; `kubelab scenario validate` shows their problems.',
  options: {
    json: { type: 'boolean', description: 'Print a JSON array: id, title, summary, difficulty, minutes, versions, steps' },
    'scenarios-dir': SCENARIOS_DIR_OPTION,
  },
  async run(values, _positionals, io) {
    const { catalog } = loadCatalog(values['scenarios-dir']);
    const rows = catalog.scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      difficulty: s.difficulty,
      minutes: s.minutes,
      versions: s.versions,
      steps: s.steps.map((st) => ({ number: st.number, title: st.title, versions: st.versions })),
    }));
    if (values.json === true) io.out(JSON.stringify(rows, null, 2));
    else {
      const header = ['ID', 'TITLE', 'LEVEL', 'MINUTES', 'VERSIONS', 'STEPS'];
      const table = rows.map((r) => [r.id, r.title, r.difficulty, String(r.minutes), r.versions.join(','), String(r.steps.length)]);
      const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
      for (const row of [header, ...table]) io.out(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
    }
    for (const bad of catalog.invalid) io.err(`skipped invalid scenario ${bad.folder} (${bad.problems.length} problem(s)): run \`kubelab scenario validate\``);
    return 0;
  },
};

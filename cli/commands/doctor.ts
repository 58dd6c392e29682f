// `kubelab doctor`: what this machine has for the embedded and the kind runtime, and exactly what
// to install or change. Exit 0 when the embedded runtime is fully usable; the kind verdict is
// printed separately (and is in --json) so a machine without Docker still passes.

import type { Command } from '../command.js';
import { dataDir } from '../data-dir.js';
import { runDoctor, type DoctorReport } from '../../cluster/kind/host-doctor.js';
import { KUBE_VERSIONS, VERSIONS } from '../../cluster/versions.js';

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;

export const doctor: Command = {
  path: ['doctor'],
  summary: 'Check this machine for the embedded and the kind runtime, and say what to fix',
  details: [
    'Checks Node.js, kubectl, jq, curl, the browser terminal, Docker, kind (and its version against',
    'each node image), cgroup v2 and free memory. Exit code 0 when the embedded runtime is usable',
    '(the default for `kubelab start`), 1 when it is not; whether the kind runtime is usable is',
    'reported on its own line.',
  ].join('\n'),
  options: {
    'data-dir': { type: 'string', description: 'State directory (default $KUBELAB_DATA_DIR or ~/.kubelab)', valueName: 'DIR' },
    json: { type: 'boolean', description: 'Print the report as JSON' },
  },
  async run(values, _positionals, io) {
    const report = await runDoctor({ dataDir: dataDir(values['data-dir']) });
    if (values.json === true) io.out(JSON.stringify(report, null, 2));
    else for (const line of renderReport(report)) io.out(line);
    return report.embedded.usable ? 0 : 1;
  },
};

export function renderReport(report: DoctorReport): string[] {
  const lines: string[] = [];
  for (const check of report.checks) {
    lines.push(` ${MARK[check.status]} ${check.title}: ${check.detail}`);
    if (check.fix) lines.push(`     fix: ${check.fix}`);
  }
  lines.push('');
  lines.push(report.embedded.usable ? 'Embedded runtime: usable.' : `Embedded runtime: NOT usable (${report.embedded.blockedBy.join(', ')}).`);
  if (report.kind.usable) {
    lines.push('kind runtime: usable.');
  } else {
    lines.push(`kind runtime: NOT usable${report.kind.blockedBy.length ? ` (${report.kind.blockedBy.join(', ')})` : ''}.`);
  }
  for (const v of KUBE_VERSIONS) {
    const { usable, problems } = report.kind.versions[v];
    lines.push(`  v${v} (${VERSIONS[v].kind.nodeImage.split('@')[0]}): ${usable ? 'ok' : problems.join('; ') || 'blocked (above)'}`);
  }
  return lines;
}

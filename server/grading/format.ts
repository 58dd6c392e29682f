// A step report as terminal text: one line per passing check, and for a failing one the command
// to see it yourself, what it printed, what was expected and why.

import type { CheckResult, StepReport } from './report.js';

/** A terminal screenful: a /pods body is long JSON the learner can fetch with the command shown. */
const TEXT_OUTPUT = 600;

export function formatStepReport(report: StepReport, opts: { verbose?: boolean; scenarioTitle?: string } = {}): string[] {
  const passing = report.checks.filter((c) => c.passed).length;
  const lines = [
    `Step ${report.step}: ${report.title} (v${report.version}) — ${report.passed ? 'PASSED' : 'NOT YET'}: ${passing}/${report.checks.length} checks pass (${(report.durationMs / 1000).toFixed(2)} s)`,
  ];
  for (const check of report.checks) lines.push(...formatCheck(check, opts.verbose === true || !check.passed));
  return lines;
}

function formatCheck(c: CheckResult, detailed: boolean): string[] {
  const lines = [`  ${c.passed ? '✓' : '✗'} ${c.title}`];
  if (!detailed) return lines;
  const indent = (text: string, prefix = '      ') => text.split('\n').map((l) => `${prefix}${l}`);
  if (c.error) lines.push(...indent(`could not check: ${c.error}`));
  if (c.command) lines.push(...promptLines(c.command));
  if (c.output) lines.push(...indent(c.output.length > TEXT_OUTPUT ? `${c.output.slice(0, TEXT_OUTPUT)}… (--json shows more)` : c.output));
  if (c.expected) lines.push(`    expected: ${c.expected}`);
  lines.push(...indent(c.why, '    why: ').slice(0, 1), ...indent(c.why).slice(1));
  // The trail itself is in `why`; the bindings that did not match are the part worth reading here.
  const considered = (c.trail ?? []).flatMap((a) => (a.details ?? []).map((d) => `${a.verb} nodes/${a.subresource}: ${d}`));
  if (considered.length) lines.push('    bindings considered:', ...considered.map((d) => `      ${d}`));
  if (c.note) lines.push(`    note: ${c.note}`);
  return lines;
}

/** `$ ` before each command, not before the continuation lines of one. */
function promptLines(command: string): string[] {
  const out: string[] = [];
  let continued = false;
  for (const line of command.split('\n')) {
    out.push(`      ${continued ? '  ' : '$ '}${line}`);
    continued = line.endsWith('\\');
  }
  return out;
}

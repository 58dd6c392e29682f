// A step's grading report: per check its verdict, the command that shows the same thing, what it
// printed, what was expected and why, and the kubelet's authorization trail where there is one.
// Failed checks open by default; passed ones fold away so the problems stand out.

import type { CheckResult, DecisionAttempt, StepReport } from '../contract.js';
import { h } from '../dom.js';
import { inlineMarkdown } from '../sanitize.js';
import type { RunInTerminal } from './code-actions.js';

type Verdict = 'passed' | 'failed' | 'error';

function verdictOf(check: CheckResult): Verdict {
  if (check.error) return 'error';
  return check.passed ? 'passed' : 'failed';
}

const VERDICT_TEXT: Record<Verdict, { mark: string; word: string }> = {
  passed: { mark: '✓', word: 'Passed' },
  failed: { mark: '✗', word: 'Failed' },
  error: { mark: '!', word: 'Could not run' },
};

/** One sentence for the live region: how many passed, and which did not. */
export function reportSummary(report: StepReport): string {
  const passed = report.checks.filter((c) => c.passed).length;
  const head = `Step ${report.step}: ${passed} of ${report.checks.length} checks passed`;
  if (report.passed) return `${head}. Step complete.`;
  const open = report.checks.filter((c) => !c.passed).map((c) => c.title);
  return `${head}. Not yet: ${open.join('; ')}.`;
}

function field(term: string, ...value: (Node | string)[]): HTMLElement[] {
  return [h('dt', { text: term }), h('dd', {}, value)];
}

function trailList(trail: DecisionAttempt[]): HTMLElement {
  return h(
    'ol',
    { class: 'trail' },
    trail.map((a) =>
      h('li', { class: a.allowed ? 'trail-allowed' : 'trail-denied' }, [
        h('span', { class: 'trail-mark', text: a.allowed ? '✓ allowed' : '✗ denied' }),
        ' ',
        h('code', { text: `${a.verb || '""'} nodes/${a.subresource}` }),
        ` on ${a.node}`,
        a.cached ? h('span', { class: 'badge', text: 'from the kubelet cache' }) : null,
        a.reason ? h('div', { class: 'trail-reason', text: a.reason }) : null,
        a.details?.length ? h('ul', { class: 'trail-details' }, a.details.map((d) => h('li', { text: d }))) : null,
      ]),
    ),
  );
}

function checkItem(check: CheckResult, run: RunInTerminal): HTMLElement {
  const verdict = verdictOf(check);
  const { mark, word } = VERDICT_TEXT[verdict];
  const details = h('details', { class: `check check-${verdict}`, attrs: { open: verdict !== 'passed' } }, [
    h('summary', {}, [
      h('span', { class: 'check-mark', text: mark, attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'check-verdict', text: `${word}: ` }),
      h('span', { class: 'check-title', text: check.title }),
    ]),
    h('dl', { class: 'check-fields' }, [
      ...(check.error ? field('Why it could not run', check.error) : []),
      ...field(
        'Command',
        h('pre', { attrs: { tabindex: 0 } }, [h('code', { text: check.command })]),
        h('button', { class: 'button button-small', text: 'Run in terminal', attrs: { type: 'button' }, on: { click: () => run(check.command) } }),
      ),
      ...field('Output', h('pre', { class: 'check-output', text: check.output || '(no output)', attrs: { tabindex: 0 } })),
      ...field('Expected', check.expected),
      ...field('Explanation', h('span', {}, [inlineMarkdown(check.why)])),
      ...(check.note ? field('Note', check.note) : []),
      ...(check.trail?.length ? field('Kubelet decision trail', trailList(check.trail)) : []),
    ]),
  ]);
  return h('li', {}, [details]);
}

export function checkReport(report: StepReport, run: RunInTerminal): HTMLElement {
  const passed = report.checks.filter((c) => c.passed).length;
  return h('section', { class: `check-report ${report.passed ? 'report-passed' : 'report-failed'}`, attrs: { 'aria-label': `Check results of step ${report.step}` } }, [
    h('p', { class: 'report-head' }, [
      h('strong', { text: report.passed ? '✓ All checks pass' : `✗ ${report.checks.length - passed} of ${report.checks.length} checks do not pass yet` }),
      ` (v${report.version}, ${(report.durationMs / 1000).toFixed(1)} s)`,
    ]),
    h('ol', { class: 'checks' }, report.checks.map((c) => checkItem(c, run))),
  ]);
}

// A graded attempt (ScoreReport): the score, then per step every check with its verdict, the
// command that shows it, what that printed in the learner's cluster, who ran it, and why. The
// learner sees it when an exam ends, the instructor for any learner on demand. Output and names
// come from learners: they go in as text; only the scenario author's explanation is markdown.

import type { GradeTrigger, ScoreReport, ScoredCheck, ScoredStep } from '../contract.js';
import { h } from '../dom.js';
import { inlineMarkdown } from '../sanitize.js';

const TRIGGER: Record<GradeTrigger, string> = {
  'exam-end': 'when the exam ended',
  instructor: 'by the instructor',
  learner: 'on a check by the learner',
};

function clock(time: string | null): string {
  if (!time) return '—';
  const at = new Date(time);
  return Number.isNaN(at.getTime()) ? time : at.toLocaleString(undefined, { hour12: false });
}

function field(term: string, value: Node | string): HTMLElement[] {
  return [h('dt', { text: term }), h('dd', {}, [value])];
}

/** A pass that held before the learner touched the step earns nothing until the step's own work shows. */
const UNSCORED_NOTE = 'This already held on the untouched cluster: it scores once another check of this step passes.';

function checkItem(check: ScoredCheck): HTMLElement {
  const verdict = check.passed ? 'passed' : 'failed';
  const unscored = check.passed && !check.scored;
  return h('li', {}, [
    h('details', { class: `check check-${verdict}`, attrs: { open: !check.passed } }, [
      h('summary', {}, [
        h('span', { class: 'check-mark', text: check.passed ? '✓' : '✗', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'check-verdict', text: unscored ? 'Passed, not scored: ' : check.passed ? 'Passed: ' : 'Failed: ' }),
        h('span', { class: 'check-title', text: check.title }),
      ]),
      h('dl', { class: 'check-fields' }, [
        ...field('Command', h('pre', { attrs: { tabindex: 0 } }, [h('code', { text: check.command })])),
        ...field('Output', h('pre', { class: 'check-output', text: check.output || '(no output)', attrs: { tabindex: 0 } })),
        ...(check.identity ? field('Ran as', h('code', { text: check.identity })) : []),
        ...field('Why', h('span', {}, [inlineMarkdown(check.why)])),
        ...(unscored ? field('Score', UNSCORED_NOTE) : []),
      ]),
    ]),
  ]);
}

function stepSection(step: ScoredStep, headingLevel: 'h2' | 'h3'): HTMLElement {
  const passed = step.checks.filter((c) => c.scored).length;
  return h('section', { class: 'score-step' }, [
    h(headingLevel, { class: 'score-step-title' }, [
      h('span', { class: 'step-title-number', text: `Step ${step.step}: ` }),
      step.title,
      h('span', { class: `score-step-tally ${passed === step.checks.length ? 'tally-full' : 'tally-partial'}`, text: `${passed} of ${step.checks.length}` }),
    ]),
    h('ol', { class: 'checks' }, step.checks.map(checkItem)),
  ]);
}

/** `headingLevel`: the steps' heading, one below the section that holds the report. */
export function scoreReport(report: ScoreReport, options: { headingLevel?: 'h2' | 'h3'; scenarioTitle?: string } = {}): HTMLElement {
  const { score } = report;
  return h('section', { class: 'score-report', attrs: { 'aria-label': `Score report of ${report.displayName}` } }, [
    h('div', { class: 'score-head' }, [
      h('p', { class: 'score-big' }, [
        h('strong', { class: 'score-percent', text: `${Math.round(score.percent)}%` }),
        h('span', { class: 'score-count', text: `${score.passed} of ${score.total} points` }),
      ]),
      h('dl', { class: 'score-facts' }, [
        h('div', {}, [h('dt', { text: 'Learner' }), h('dd', { text: report.displayName })]),
        h('div', {}, [h('dt', { text: 'Scenario' }), h('dd', { text: `${options.scenarioTitle ?? report.scenarioId} · v${report.version}` })]),
        h('div', {}, [h('dt', { text: 'Started' }), h('dd', { text: clock(report.startedAt) })]),
        h('div', {}, [h('dt', { text: 'Graded' }), h('dd', { text: report.trigger ? `${clock(report.gradedAt)}, ${TRIGGER[report.trigger]}` : 'never: no check ran' })]),
      ]),
    ]),
    ...report.steps.map((step) => stepSection(step, options.headingLevel ?? 'h2')),
  ]);
}

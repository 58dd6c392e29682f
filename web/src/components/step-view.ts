// One step of a scenario: its text (sanitized again here), and the learner's tools for it: Check,
// hints one at a time, and the solution once the step has been checked at least once.

import { api } from '../api.js';
import type { ScenarioStep, StepReport } from '../contract.js';
import { append, h, replace } from '../dom.js';
import { inlineMarkdown } from '../sanitize.js';
import { solutionCommand } from '../solution-command.js';
import { checkReport, reportSummary } from './check-report.js';
import { addCodeActions, type RunInTerminal } from './code-actions.js';
import { richText } from './rich-text.js';
import { errorNotice } from './error-notice.js';

export interface StepViewOptions {
  step: ScenarioStep;
  run: RunInTerminal;
  /** The step was checked before (this lab, this tab), so its solution may be shown. */
  attempted: boolean;
  /** An exam: no Check, hints or solution (the server refuses them: 403 EXAM_MODE). */
  exam?: boolean;
  onChecked(report: StepReport): void;
}

export function stepView(options: StepViewOptions): HTMLElement {
  const { step, run } = options;
  const text = richText(step.html, run);
  const headingId = `step-${step.number}-title`;

  const announce = h('p', { class: 'check-announce visually-hidden', attrs: { 'aria-live': 'polite', role: 'status' } });
  const results = h('div', { class: 'step-results' });
  const hintList = h('ol', { class: 'hints', attrs: { 'aria-live': 'polite', 'aria-label': 'Hints' } });
  const solutionArea = h('div', { class: 'solution' });

  const checkButton = h('button', { class: 'button button-primary', text: `Check step ${step.number}`, attrs: { type: 'button' } });
  const hintButton = h('button', { class: 'button', text: 'Show a hint', attrs: { type: 'button' } });
  const solutionButton = h('button', { class: 'button', text: 'Show the solution', attrs: { type: 'button', hidden: !options.attempted } });
  const solutionNote = h('span', { class: 'muted', text: 'The solution unlocks after your first check.', attrs: { hidden: options.attempted } });

  checkButton.addEventListener('click', async () => {
    checkButton.disabled = true;
    checkButton.textContent = 'Checking…';
    results.setAttribute('aria-busy', 'true');
    announce.textContent = `Checking step ${step.number}…`;
    try {
      const report = await api.check(step.number);
      replace(results, [checkReport(report, run)]);
      announce.textContent = reportSummary(report);
      solutionButton.hidden = false;
      solutionNote.hidden = true;
      options.onChecked(report);
    } catch (e) {
      replace(results, [errorNotice(e)]);
      announce.textContent = 'The check could not be run.';
    } finally {
      checkButton.disabled = false;
      checkButton.textContent = `Check step ${step.number}`;
      results.removeAttribute('aria-busy');
    }
  });

  let shownHints = 0;
  hintButton.addEventListener('click', async () => {
    hintButton.disabled = true;
    try {
      const { hints } = await api.hints(step.number, shownHints + 1);
      // Only the new hint goes in, so the live region reads just that one.
      append(hintList, hints.slice(shownHints).map((hint) => h('li', {}, [inlineMarkdown(hint)])));
      const gotOne = hints.length > shownHints;
      shownHints = hints.length;
      if (!gotOne) {
        hintButton.textContent = shownHints === 0 ? 'This step has no hints' : 'No more hints';
        return;
      }
      hintButton.textContent = 'Show another hint';
      hintButton.disabled = false;
    } catch (e) {
      append(hintList, [h('li', {}, [errorNotice(e)])]);
      hintButton.disabled = false;
    }
  });

  solutionButton.addEventListener('click', async () => {
    try {
      const { script } = await api.solution(step.number);
      const block = h('div', {}, [
        h('h3', { text: 'Solution' }),
        h('p', { class: 'muted', text: '“Run in terminal” runs the script with bash in your terminal.' }),
        h('pre', {}, [h('code', { class: 'language-bash', text: script })]),
      ]);
      addCodeActions(block, () => run(solutionCommand(script)));
      replace(solutionArea, [block]);
      solutionButton.hidden = true;
    } catch (e) {
      replace(solutionArea, [errorNotice(e)]);
    }
  });

  return h('article', { class: 'step', attrs: { 'aria-labelledby': headingId } }, [
    h('h2', { class: 'step-title', attrs: { id: headingId } }, [h('span', { class: 'step-title-number', text: `Step ${step.number}: ` }), step.title]),
    h('div', { class: 'step-text' }, [text]),
    options.exam ? null : h('div', { class: 'step-actions', attrs: { role: 'group', 'aria-label': `Step ${step.number} actions` } }, [checkButton, hintButton, solutionButton, solutionNote]),
    announce,
    results,
    hintList,
    solutionArea,
  ]);
}

// The reading side of a scenario page: the list of steps (✓ for the ones that pass), the step
// being worked on, and the closing text once every step passes.

import type { Lab, ScenarioDetail, StepReport } from '../contract.js';
import { h, replace } from '../dom.js';
import type { RunInTerminal } from './code-actions.js';
import { richText } from './rich-text.js';
import { stepView } from './step-view.js';

export interface StepsPane {
  element: HTMLElement;
  /** The lab is ready (started, reset or switched): its version decides which steps were checked. */
  setLab(lab: Lab): void;
}

export interface StepsPaneOptions {
  scenario: ScenarioDetail;
  /** How many steps pass (the catalog's count); the page takes them to be the first ones, as steps build on each other. */
  completedSteps: number;
  run: RunInTerminal;
  /** An exam: the steps are read, not checked. */
  exam?: boolean;
}

/**
 * Which steps were checked at least once, per scenario and version, for this tab across reloads:
 * the server unlocks a solution after a first check (else 409 CHECK_FIRST), and so does the page.
 */
function attemptedStore(scenarioId: string, version: string) {
  const key = `kubelab.attempted.${scenarioId}.${version}`;
  const read = (): number[] => {
    try {
      const parsed: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : [];
    } catch {
      return [];
    }
  };
  return {
    has: (step: number) => read().includes(step),
    add: (step: number) => sessionStorage.setItem(key, JSON.stringify([...new Set([...read(), step])])),
  };
}

export function stepsPane(options: StepsPaneOptions): StepsPane {
  const { scenario, run } = options;
  const steps = scenario.steps;
  const passed = new Set(steps.filter((s) => s.number <= options.completedSteps).map((s) => s.number));
  let attempted = attemptedStore(scenario.id, '');
  let current = steps.find((s) => !passed.has(s.number))?.number ?? steps[0]?.number ?? 1;

  const intro = h('details', { class: 'intro', attrs: { open: passed.size === 0, hidden: !scenario.introHtml } }, [
    h('summary', { text: 'About this scenario' }),
    h('div', { class: 'intro-text' }, [richText(scenario.introHtml, run)]),
  ]);
  const nav = h('ol', { class: 'step-nav' });
  const body = h('div', { class: 'step-body' });
  const finish = h('section', { class: 'finish', attrs: { 'aria-labelledby': 'finish-heading', hidden: true } }, [
    h('h2', { text: '✓ Scenario complete', attrs: { id: 'finish-heading' } }),
    richText(scenario.finishHtml, run),
  ]);
  const element = h('section', { class: 'steps-pane', attrs: { 'aria-label': 'Steps' } }, [
    intro,
    h('nav', { attrs: { 'aria-label': 'Steps of this scenario' } }, [nav]),
    body,
    finish,
  ]);

  const renderNav = () => {
    replace(
      nav,
      steps.map((s) =>
        h('li', {}, [
          h(
            'button',
            {
              class: `step-link${passed.has(s.number) ? ' step-done' : ''}`,
              attrs: { type: 'button', 'aria-current': s.number === current ? 'step' : undefined },
              on: { click: () => show(s.number, true) },
            },
            [
              h('span', { class: 'step-number', text: passed.has(s.number) ? '✓' : String(s.number), attrs: { 'aria-hidden': 'true' } }),
              h('span', { text: s.title }),
              h('span', { class: 'visually-hidden', text: passed.has(s.number) ? ` (step ${s.number}, done)` : ` (step ${s.number})` }),
            ],
          ),
        ]),
      ),
    );
    finish.hidden = !steps.every((s) => passed.has(s.number));
  };

  const onChecked = (report: StepReport) => {
    attempted.add(report.step);
    if (report.passed) passed.add(report.step);
    else passed.delete(report.step);
    renderNav();
    const next = steps.find((s) => s.number > report.step);
    if (report.passed && next) {
      body.querySelector('.step-results')?.appendChild(
        h('button', { class: 'button button-primary step-next', text: `Continue with step ${next.number}: ${next.title}`, attrs: { type: 'button' }, on: { click: () => show(next.number, true) } }),
      );
    }
  };

  function show(number: number, moveFocus: boolean): void {
    const step = steps.find((s) => s.number === number);
    if (!step) return;
    current = number;
    const view = stepView({ step, run, attempted: attempted.has(number), onChecked, exam: options.exam === true });
    view.tabIndex = -1;
    replace(body, [view]);
    renderNav();
    if (moveFocus) view.focus();
  }

  show(current, false);
  return {
    element,
    setLab(lab) {
      attempted = attemptedStore(scenario.id, lab.version);
      show(current, false);
    },
  };
}

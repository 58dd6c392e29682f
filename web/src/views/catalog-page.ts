// The catalog: one card per scenario with what it teaches, how hard and long it is, the versions
// it runs on and how far the learner got. The title is the card's one link (the whole card is
// clickable through it), so keyboard and screen-reader users meet one stop per scenario.

import { api } from '../api.js';
import type { ClassSummary, Progress, ScenarioSummary } from '../contract.js';
import { h } from '../dom.js';
import type { View } from '../router.js';
import { inlineMarkdown } from '../sanitize.js';

function progressText(p: Progress): { label: string; action: string } {
  if (p.finished) return { label: `Finished: all ${p.totalSteps} steps pass`, action: 'Review' };
  if (p.completedSteps > 0 || p.startedAt) return { label: `${p.completedSteps} of ${p.totalSteps} steps done`, action: 'Continue' };
  return { label: `Not started · ${p.totalSteps} steps`, action: 'Start' };
}

function card(s: ScenarioSummary): HTMLElement {
  const { label, action } = progressText(s.progress);
  const titleId = `scenario-${s.id}`;
  return h('li', {}, [
    h('article', { class: `card${s.progress.finished ? ' card-finished' : ''}`, attrs: { 'aria-labelledby': titleId } }, [
      h('h2', { class: 'card-title', attrs: { id: titleId } }, [h('a', { text: s.title, attrs: { href: `#/scenarios/${encodeURIComponent(s.id)}` } })]),
      h('p', { class: 'card-summary' }, [inlineMarkdown(s.summary)]),
      h('dl', { class: 'card-facts' }, [
        h('div', {}, [h('dt', { text: 'Difficulty' }), h('dd', { class: `difficulty difficulty-${s.difficulty}`, text: s.difficulty })]),
        h('div', {}, [h('dt', { text: 'Time' }), h('dd', { text: `${s.minutes} min` })]),
        h('div', {}, [h('dt', { text: 'Versions' }), h('dd', {}, s.versions.map((v) => h('span', { class: 'version', text: `v${v}` })))]),
      ]),
      h('div', { class: 'card-progress' }, [
        h('progress', { attrs: { max: s.progress.totalSteps || 1, value: s.progress.completedSteps, 'aria-label': `Progress of ${s.title}` } }),
        h('span', { text: label }),
      ]),
      h('span', { class: 'card-action', text: `${action} →`, attrs: { 'aria-hidden': 'true' } }),
    ]),
  ]);
}

function classLead(classroom: ClassSummary): string {
  if (classroom.examMinutes !== null) return `The scenarios of the exam “${classroom.name}”. Pick one and start its lab: that starts your exam clock. Work in the terminal; everything is graded when the time is up.`;
  return `The scenarios of your class “${classroom.name}”. Read a step, try it in the terminal, press Check, and see why the kubelet said yes or no. Your instructor sees your progress.`;
}

/** `classroom`: the learner's class, whose scenarios the server lists. */
export async function catalogPage(classroom?: ClassSummary): Promise<View> {
  const listed = await api.scenarios();
  const scenarios = classroom ? listed.map((s) => ({ ...s, versions: s.versions.filter((v) => classroom.versions.includes(v)) })) : listed;
  const element = h('div', { class: 'catalog-page' }, [
    h('h1', { text: 'Kubelet API authorization labs', attrs: { tabindex: -1 } }),
    h('p', { class: 'lead', text: classroom ? classLead(classroom) : 'Each scenario gives you a real kubectl against a cluster of the version you pick. Read a step, try it in the terminal, press Check, and see why the kubelet said yes or no.' }),
    scenarios.length
      ? h('ul', { class: 'cards', attrs: { 'aria-label': 'Scenarios' } }, scenarios.map(card))
      : h('p', { class: 'notice', text: 'No scenarios were found. Start the server with a scenarios folder that holds at least one valid scenario.' }),
  ]);
  return { title: 'Scenarios', element };
}

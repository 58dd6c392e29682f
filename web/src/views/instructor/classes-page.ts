// The instructor's start page: every class (open ones first), and the form for a new one.

import { api } from '../../api.js';
import { formatMinutes } from '../../classroom/countdown.js';
import { errorNotice } from '../../components/error-notice.js';
import { newClassForm } from '../../components/new-class-form.js';
import type { ClassView, ScenarioSummary } from '../../contract.js';
import { h } from '../../dom.js';
import type { View } from '../../router.js';

function classRow(klass: ClassView, titles: ReadonlyMap<string, string>): HTMLElement {
  return h('tr', { class: klass.closedAt ? 'class-row-closed' : undefined }, [
    h('th', { attrs: { scope: 'row' } }, [h('a', { text: klass.name, attrs: { href: `#/classes/${encodeURIComponent(klass.id)}` } })]),
    h('td', { class: 'mono', text: klass.joinCode }),
    h('td', { text: klass.scenarioIds.map((id) => titles.get(id) ?? id).join(', ') }),
    h('td', {}, klass.versions.map((v) => h('span', { class: 'version', text: `v${v}` }))),
    h('td', { text: klass.examMinutes !== null ? formatMinutes(klass.examMinutes) : '—' }),
    h('td', { text: String(klass.learners) }),
    h('td', { text: klass.closedAt ? 'closed' : 'open' }),
  ]);
}

export async function classesPage(): Promise<View> {
  // Without the catalog the classes are still listed (by scenario id); only the form needs it.
  const [classes, catalog] = await Promise.all([api.classes(), api.scenarios().then((list): ScenarioSummary[] | { failed: unknown } => list, (failed: unknown) => ({ failed }))]);
  const titles = new Map(Array.isArray(catalog) ? catalog.map((s) => [s.id, s.title]) : []);
  const ordered = [...classes].sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.createdAt.localeCompare(a.createdAt));
  const list = ordered.length
    ? h('table', { class: 'classes-table' }, [
        h('thead', {}, [h('tr', {}, ['Class', 'Join code', 'Scenarios', 'Versions', 'Exam', 'Learners', 'State'].map((text) => h('th', { text, attrs: { scope: 'col' } })))]),
        h('tbody', {}, ordered.map((k) => classRow(k, titles))),
      ])
    : h('p', { class: 'notice', text: 'No classes yet. Create one with the form: you get a join code to show your learners.' });

  const form = Array.isArray(catalog)
    ? newClassForm(catalog, (created) => {
        location.hash = `#/classes/${encodeURIComponent(created.id)}`;
      })
    : h('section', { class: 'class-form', attrs: { 'aria-labelledby': 'new-class-heading' } }, [
        h('h2', { text: 'New class', attrs: { id: 'new-class-heading' } }),
        h('p', { text: 'The list of scenarios could not be read, so no class can be created right now.' }),
        errorNotice(catalog.failed),
      ]);
  const element = h('div', { class: 'classes-page' }, [
    h('h1', { text: 'Classes', attrs: { tabindex: -1 } }),
    h('p', { class: 'lead', text: 'Each class has its own join code. Learners who join get their own cluster and shell for the class’s scenarios; you follow them live on the class page.' }),
    h('div', { class: 'classes-columns' }, [h('section', { class: 'classes-list', attrs: { 'aria-label': 'Your classes' } }, [list]), form]),
  ]);
  return { title: 'Classes', element };
}

// The instructor's "new class" form: a name, the scenarios, the Kubernetes versions every picked
// scenario runs on, and optionally an exam length. Versions that some picked scenario lacks are
// shown but cannot be picked, with the reason next to them.

import { api } from '../api.js';
import { commonVersions, EXAM_MINUTES, MAX_NAME, newClassFrom } from '../classroom/class-form.js';
import type { ClassView, ScenarioSummary, Version } from '../contract.js';
import { h, replace } from '../dom.js';
import { errorNotice } from './error-notice.js';

function checkbox(name: string, value: string, label: (Node | string)[], checked: boolean): { item: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { attrs: { type: 'checkbox', name, value, checked } });
  return { item: h('label', { class: 'choice' }, [input, h('span', { class: 'choice-label' }, label)]), input };
}

export function newClassForm(scenarios: ScenarioSummary[], onCreated: (created: ClassView) => void): HTMLElement {
  const nameInput = h('input', { attrs: { id: 'class-name', type: 'text', required: true, maxlength: MAX_NAME, autocomplete: 'off', placeholder: 'CKS workshop, Tuesday' } });
  const scenarioBoxes = scenarios.map((s, i) =>
    checkbox('scenario', s.id, [h('span', { text: s.title }), h('span', { class: 'muted choice-note', text: ` ${s.versions.map((v) => `v${v}`).join(', ')}` })], i === 0),
  );
  const allVersions = [...new Set(scenarios.flatMap((s) => s.versions))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const versionBoxes = allVersions.map((v) => ({ version: v, note: h('span', { class: 'muted choice-note' }), ...checkbox('version', v, [`v${v}`], false) }));
  const examInput = h('input', { attrs: { id: 'class-exam', type: 'number', min: EXAM_MINUTES.min, max: EXAM_MINUTES.max, step: 'any', inputmode: 'decimal', placeholder: 'no time limit', 'aria-describedby': 'class-exam-help' } });
  const submit = h('button', { class: 'button button-primary', text: 'Create class', attrs: { type: 'submit' } });
  const result = h('div', { attrs: { 'aria-live': 'polite' } });

  const picked = () => scenarioBoxes.filter((b) => b.input.checked).map((b) => b.input.value);
  const syncVersions = () => {
    const offered = commonVersions(scenarios, picked());
    for (const box of versionBoxes) {
      const ok = offered.includes(box.version);
      box.input.disabled = !ok;
      if (!ok) box.input.checked = false;
      box.note.textContent = ok || picked().length === 0 ? '' : ' (not run by every picked scenario)';
    }
    // A sensible default: the newest version everything runs on.
    if (!versionBoxes.some((b) => b.input.checked) && offered.length) versionBoxes.find((b) => b.version === offered.at(-1))!.input.checked = true;
  };
  for (const box of scenarioBoxes) box.input.addEventListener('change', syncVersions);
  syncVersions();

  const form = h('form', { class: 'class-form', attrs: { 'aria-labelledby': 'new-class-heading', novalidate: true } }, [
    h('h2', { text: 'New class', attrs: { id: 'new-class-heading' } }),
    h('div', { class: 'field' }, [h('label', { text: 'Name', attrs: { for: 'class-name' } }), nameInput]),
    h('fieldset', { class: 'choices' }, [h('legend', { text: 'Scenarios' }), ...scenarioBoxes.map((b) => b.item)]),
    h('fieldset', { class: 'choices choices-inline' }, [h('legend', { text: 'Kubernetes versions' }), ...versionBoxes.map((b) => h('span', {}, [b.item, b.note]))]),
    h('div', { class: 'field' }, [
      h('label', { text: 'Exam length in minutes (optional)', attrs: { for: 'class-exam' } }),
      examInput,
      h('p', { class: 'muted', attrs: { id: 'class-exam-help' }, text: 'Empty: a class without a time limit. With minutes: an exam. Each learner’s clock starts when they start their lab; hints, solutions and Check are off, and everything is graded when their time is up.' }),
    ]),
    h('div', { class: 'form-actions' }, [submit]),
    result,
  ]);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const versions: Version[] = versionBoxes.filter((b) => b.input.checked).map((b) => b.version);
    // A number field reads "" for text it cannot parse: that must not quietly mean "no exam".
    const examMinutes = examInput.validity.badInput ? 'not a number' : examInput.value;
    const parsed = newClassFrom({ name: nameInput.value, scenarioIds: picked(), versions, examMinutes });
    if ('problem' in parsed) {
      replace(result, [errorNotice({ message: parsed.problem, fix: 'Correct the form and press “Create class” again.' })]);
      return;
    }
    submit.disabled = true;
    replace(result, []);
    try {
      onCreated(await api.createClass(parsed.spec));
      form.reset();
      syncVersions();
    } catch (e) {
      replace(result, [errorNotice(e)]);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

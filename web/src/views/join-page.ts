// /join?code=ABCD-EFGH: a learner gives the name the instructor will see and the class's join
// code; joining makes this browser session that learner, so the page reloads into the catalog
// of the class's scenarios.

import { api } from '../api.js';
import { displayNameProblem, joinCodeProblem, normalizeJoinCode } from '../classroom/join-form.js';
import { errorNotice } from '../components/error-notice.js';
import type { Session } from '../contract.js';
import { h, replace } from '../dom.js';
import type { View } from '../router.js';

function joinedView(session: Session): View {
  const element = h('div', { class: 'join-page' }, [
    h('h1', { text: 'You are in a class', attrs: { tabindex: -1 } }),
    h('p', {}, [`You joined `, h('strong', { text: session.class?.name ?? 'a class' }), ` as `, h('strong', { text: session.learner?.displayName ?? '' }), '.']),
    h('p', {}, [h('a', { class: 'button button-primary', text: 'Go to your scenarios', attrs: { href: '/#/' } })]),
  ]);
  return { title: 'Joined', element };
}

function practiceView(): View {
  const element = h('div', { class: 'join-page' }, [
    h('h1', { text: 'There are no classes here', attrs: { tabindex: -1 } }),
    h('p', { text: 'This lab runs in practice mode, on its own: there is no class to join. Ask your instructor for the address of the class’s lab server.' }),
    h('p', {}, [h('a', { text: 'Practice on your own instead', attrs: { href: '/#/' } })]),
  ]);
  return { title: 'Join a class', element };
}

export function joinPage(session: Session, code: string): View {
  if (session.mode === 'practice') return practiceView();
  if (session.role === 'learner') return joinedView(session);

  const nameInput = h('input', { attrs: { id: 'join-name', type: 'text', autocomplete: 'nickname', maxlength: 40, required: true, 'aria-describedby': 'join-name-help' } });
  const codeInput = h('input', { class: 'join-code-input', attrs: { id: 'join-code', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'ABCD-EFGH', value: normalizeJoinCode(code) } });
  const submit = h('button', { class: 'button button-primary', text: 'Join the class', attrs: { type: 'submit' } });
  const result = h('div');
  const form = h('form', { class: 'join-form', attrs: { 'aria-labelledby': 'join-heading', novalidate: true } }, [
    h('div', { class: 'field' }, [
      h('label', { text: 'Your name', attrs: { for: 'join-name' } }),
      nameInput,
      h('p', { class: 'muted', text: 'Shown to your instructor. Up to 40 characters.', attrs: { id: 'join-name-help' } }),
    ]),
    h('div', { class: 'field' }, [h('label', { text: 'Join code', attrs: { for: 'join-code' } }), codeInput]),
    submit,
    result,
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const joinCode = normalizeJoinCode(codeInput.value);
    codeInput.value = joinCode;
    const problem = displayNameProblem(nameInput.value) ?? joinCodeProblem(joinCode);
    if (problem) {
      replace(result, [errorNotice({ message: problem, fix: 'Correct it and press “Join the class” again.' })]);
      (displayNameProblem(nameInput.value) ? nameInput : codeInput).focus();
      return;
    }
    submit.disabled = true;
    replace(result, [h('p', { class: 'muted', text: 'Joining…', attrs: { role: 'status' } })]);
    try {
      await api.join(joinCode, nameInput.value.trim());
      // The session now belongs to a learner: a fresh load brings the class's pages and banner.
      location.assign('/#/');
    } catch (e) {
      replace(result, [errorNotice(e)]);
      submit.disabled = false;
    }
  });

  const element = h('div', { class: 'join-page' }, [
    h('h1', { text: 'Join a class', attrs: { id: 'join-heading', tabindex: -1 } }),
    h('p', { class: 'lead', text: 'Enter your name and the code your instructor shows. You get your own cluster and shell for the class’s scenarios.' }),
    form,
  ]);
  window.setTimeout(() => (codeInput.value ? nameInput : codeInput).focus(), 0);
  return { title: 'Join a class', element };
}

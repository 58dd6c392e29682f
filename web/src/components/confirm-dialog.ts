// A modal question for actions that destroy work (reset, switching version). The native <dialog>
// traps focus, closes on Escape (as Cancel) and gives focus back to the opener.

import { h } from '../dom.js';

export function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = h('button', { class: 'button', text: 'Cancel', attrs: { type: 'submit', value: 'cancel', autofocus: true } });
    const confirm = h('button', { class: 'button button-danger', text: confirmLabel, attrs: { type: 'submit', value: 'confirm' } });
    const dialog = h('dialog', { class: 'dialog', attrs: { 'aria-labelledby': 'dialog-title', 'aria-describedby': 'dialog-text' } }, [
      h('form', { attrs: { method: 'dialog' } }, [
        h('h2', { text: title, attrs: { id: 'dialog-title' } }),
        h('p', { text, attrs: { id: 'dialog-text' } }),
        h('div', { class: 'dialog-buttons' }, [cancel, confirm]),
      ]),
    ]);
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

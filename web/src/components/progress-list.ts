// Slow work as a list of stages (the lab:progress events): each starts with an ellipsis and ends
// with ✓ or ✗, its time, and the detail. The list is a polite live region, so a screen reader
// hears each stage finish without losing its place.

import type { LabProgress } from '../contract.js';
import { h, replace } from '../dom.js';

const MARK: Record<LabProgress['state'], string> = { start: '…', done: '✓', failed: '✗' };
const SPOKEN: Record<LabProgress['state'], string> = { start: 'in progress', done: 'done', failed: 'failed' };

export interface ProgressList {
  element: HTMLElement;
  update(progress: LabProgress): void;
  /** Folds the finished list into its one-line summary. */
  fold(): void;
  clear(): void;
}

export function progressList(label: string): ProgressList {
  const list = h('ol', { class: 'progress-list', attrs: { 'aria-live': 'polite' } });
  const tally = h('span', { class: 'muted' });
  const element = h('details', { class: 'progress', attrs: { open: true, hidden: true } }, [
    h('summary', { class: 'progress-title' }, [label, ' ', tally]),
    list,
  ]);
  const rows = new Map<string, HTMLLIElement>();
  const count = () => {
    const done = [...rows.values()].filter((r) => r.classList.contains('progress-done')).length;
    const failed = [...rows.values()].some((r) => r.classList.contains('progress-failed'));
    tally.textContent = failed ? '(a stage failed)' : `(${done} of ${rows.size} stages done)`;
  };

  return {
    element,
    update(p) {
      element.hidden = false;
      let row = rows.get(p.stage);
      if (!row) {
        row = h('li');
        rows.set(p.stage, row);
        list.appendChild(row);
      }
      row.className = `progress-stage progress-${p.state}`;
      const seconds = p.elapsedMs !== undefined ? ` (${(p.elapsedMs / 1000).toFixed(1)} s)` : '';
      replace(row, [
        h('span', { class: 'progress-mark', text: MARK[p.state], attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'visually-hidden', text: `${SPOKEN[p.state]}: ` }),
        h('span', { class: 'progress-stage-name', text: p.stage }),
        seconds,
        p.detail ? h('span', { class: 'progress-detail', text: ` ${p.detail}` }) : null,
      ]);
      count();
      // A failure stays in view until the learner has read it.
      if (p.state === 'failed') element.open = true;
    },
    fold() {
      if (![...rows.values()].some((r) => r.classList.contains('progress-failed'))) element.open = false;
    },
    clear() {
      rows.clear();
      replace(list, []);
      element.hidden = true;
      element.open = true;
    },
  };
}

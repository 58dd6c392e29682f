// The live roster: one row per learner, kept in place as roster:update events arrive (a row's
// cells are refilled, its link and button stay, so keyboard focus survives an update). Every
// learner-controlled string (the display name, check titles as the server reports them) goes
// in as text.

import { rosterRowModel, type RosterRowModel } from '../classroom/roster-model.js';
import type { RosterRow } from '../contract.js';
import { h, replace } from '../dom.js';

export interface RosterTableOptions {
  classId: string;
  exam: boolean;
  scenarioTitles: ReadonlyMap<string, string>;
  onGrade(row: RosterRow, button: HTMLButtonElement): void;
}

export interface RosterTable {
  element: HTMLElement;
  /** Replaces every row (the first load, or a reload after a reconnect). */
  set(rows: RosterRow[]): void;
  /** One learner's row, new or changed. */
  update(row: RosterRow): void;
  /** Recomputes what depends on the clock (last seen, time left). */
  tick(): void;
}

interface RowCells {
  row: RosterRow;
  tr: HTMLTableRowElement;
  fill(model: RosterRowModel): void;
}

export function learnerHref(classId: string, learnerId: string): string {
  return `#/classes/${encodeURIComponent(classId)}/learners/${encodeURIComponent(learnerId)}`;
}

/** Per step a row of ✓/✗ chips; each chip's title (tooltip) and accessible name say which check it is. */
function chips(model: RosterRowModel): HTMLElement {
  if (!model.results.length) return h('span', { class: 'muted', text: 'no checks yet' });
  return h(
    'ul',
    { class: 'chip-steps', attrs: { 'aria-label': 'Latest check results' } },
    model.results.map(({ step, chips: marks }) =>
      h('li', { class: 'chip-step' }, [
        h('span', { class: 'chip-step-label', text: `Step ${step}` }),
        h(
          'ul',
          { class: 'chips' },
          marks.map((c) => h('li', { class: `chip ${c.passed ? 'chip-pass' : 'chip-fail'}`, attrs: { title: c.label } }, [h('span', { text: c.mark, attrs: { 'aria-hidden': 'true' } }), h('span', { class: 'visually-hidden', text: c.label })])),
        ),
      ]),
    ),
  );
}

export function rosterTable(options: RosterTableOptions): RosterTable {
  const headings = ['Learner', 'Scenario', 'Step', 'Latest checks', 'Score', ...(options.exam ? ['Exam time'] : []), 'Last seen', 'Actions'];
  const body = h('tbody');
  const empty = h('p', { class: 'roster-empty muted', text: 'No learners yet. Project the join code: learners appear here as they join.' });
  const count = h('span', { class: 'muted' });
  const element = h('section', { class: 'roster', attrs: { 'aria-labelledby': 'roster-heading' } }, [
    h('div', { class: 'section-head' }, [h('h2', { text: 'Roster', attrs: { id: 'roster-heading' } }), count, h('span', { class: 'live-note muted', text: 'updates live' })]),
    h('div', { class: 'table-scroll' }, [
      h('table', { class: 'roster-table' }, [
        h('thead', {}, [h('tr', {}, headings.map((text) => h('th', { text, attrs: { scope: 'col' } })))]),
        body,
      ]),
    ]),
    empty,
  ]);
  const rows = new Map<string, RowCells>();
  const model = (row: RosterRow) => rosterRowModel(row, { now: Date.now(), exam: options.exam, scenarioTitles: options.scenarioTitles });

  const makeRow = (row: RosterRow): RowCells => {
    const dot = h('span', { class: 'presence-dot', attrs: { 'aria-hidden': 'true' } });
    const presence = h('span', { class: 'visually-hidden' });
    const name = h('a', { class: 'learner-link', attrs: { href: learnerHref(options.classId, row.learnerId) } });
    const cells = {
      scenario: h('td', { class: 'roster-scenario' }),
      step: h('td', { class: 'roster-step' }),
      checks: h('td', { class: 'roster-checks' }),
      score: h('td', { class: 'roster-score' }),
      exam: options.exam ? h('td', { class: 'roster-exam' }) : null,
      seen: h('td', { class: 'roster-seen' }),
    };
    const grade = h('button', { class: 'button button-small', text: 'Grade now', attrs: { type: 'button' } });
    const tr = h('tr', { attrs: { 'data-learner': row.learnerId } }, [
      h('th', { class: 'roster-learner', attrs: { scope: 'row' } }, [dot, presence, name]),
      cells.scenario,
      cells.step,
      cells.checks,
      cells.score,
      cells.exam,
      cells.seen,
      h('td', { class: 'roster-actions' }, [grade]),
    ]);
    const entry: RowCells = {
      row,
      tr,
      fill(m) {
        tr.classList.toggle('is-online', m.online);
        presence.textContent = `${m.presence}: `;
        name.textContent = m.name;
        replace(cells.scenario, [h('span', { text: m.scenario }), m.version ? h('span', { class: 'version', text: m.version }) : null, m.lab ? h('span', { class: 'roster-lab muted', text: m.lab }) : null]);
        cells.step.textContent = m.step;
        replace(cells.checks, [chips(m)]);
        replace(cells.score, [
          m.percent === null ? '—' : h('span', { class: 'score-cell' }, [h('meter', { attrs: { min: 0, max: 100, low: 50, high: 99, optimum: 100, value: m.percent, 'aria-hidden': 'true' } }), ` ${m.score}`]),
        ]);
        if (cells.exam && m.exam) cells.exam.textContent = m.exam;
        cells.seen.textContent = m.lastSeen;
      },
    };
    grade.addEventListener('click', () => options.onGrade(entry.row, grade));
    return entry;
  };

  const render = () => {
    empty.hidden = rows.size > 0;
    count.textContent = rows.size === 1 ? '1 learner' : `${rows.size} learners`;
  };

  const update = (row: RosterRow) => {
    let entry = rows.get(row.learnerId);
    if (!entry) {
      entry = makeRow(row);
      rows.set(row.learnerId, entry);
      body.appendChild(entry.tr);
    }
    entry.row = row;
    entry.fill(model(row));
    render();
  };

  return {
    element,
    set(all) {
      rows.clear();
      replace(body, []);
      for (const row of [...all].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))) update(row);
      render();
    },
    update,
    tick() {
      for (const entry of rows.values()) entry.fill(model(entry.row));
    },
  };
}

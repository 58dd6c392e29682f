// What the instructor's pages say about a class at a glance, and the scenario titles they show
// in place of ids.

import { api } from '../../api.js';
import { formatMinutes } from '../../classroom/countdown.js';
import type { ClassView } from '../../contract.js';
import { h } from '../../dom.js';

export function classBadges(klass: ClassView): HTMLElement[] {
  return [
    klass.examMinutes !== null ? h('span', { class: 'pill pill-exam', text: `Exam · ${formatMinutes(klass.examMinutes)}` }) : h('span', { class: 'pill', text: 'Classroom' }),
    klass.closedAt ? h('span', { class: 'pill pill-closed', text: `Closed ${new Date(klass.closedAt).toLocaleString(undefined, { hour12: false })}` }) : h('span', { class: 'pill pill-open', text: 'Open' }),
    h('span', { class: 'muted', text: klass.versions.map((v) => `v${v}`).join(', ') }),
  ];
}

/** Scenario id → title; ids stand in for titles if the catalog cannot be read. */
export async function scenarioTitles(): Promise<Map<string, string>> {
  try {
    return new Map((await api.scenarios()).map((s) => [s.id, s.title]));
  } catch {
    return new Map();
  }
}

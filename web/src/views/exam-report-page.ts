// What a learner whose exam is over sees instead of the catalog and the scenario pages: the lab
// is closed, so the score report is all there is left to look at.

import { scoreReport } from '../components/score-report.js';
import type { ScoreReport } from '../contract.js';
import { h } from '../dom.js';
import type { View } from '../router.js';

export function examReportPage(report: ScoreReport | null): View {
  const element = h('div', { class: 'exam-report-page' }, [
    h('h1', { text: 'Your exam result', attrs: { tabindex: -1 } }),
    h('p', { class: 'lead', text: 'The exam is over and your lab is closed. Each check below was run against your cluster as it stood at the end.' }),
    report ? scoreReport(report) : h('p', { class: 'notice', attrs: { role: 'status' }, text: 'Your work is being graded; the report appears here when it is ready.' }),
  ]);
  return { title: 'Exam result', element };
}

// One learner, for the instructor: what they are on, their latest check results, a grade on
// demand with the full score report, and their shell, read-only and live.

import { api, ApiError } from '../../api.js';
import { rosterRowModel } from '../../classroom/roster-model.js';
import { errorNotice } from '../../components/error-notice.js';
import { scoreReport } from '../../components/score-report.js';
import { watchTerminal } from '../../components/watch-terminal.js';
import type { RosterRow, RosterUpdate } from '../../contract.js';
import { h, replace } from '../../dom.js';
import { instructorSocket } from '../../instructor-socket.js';
import type { View } from '../../router.js';
import { scenarioTitles } from './class-facts.js';

function fact(term: string, value: string): HTMLElement {
  return h('div', {}, [h('dt', { text: term }), h('dd', { text: value })]);
}

export async function learnerPage(classId: string, learnerId: string): Promise<View> {
  const [roster, titles] = await Promise.all([api.roster(classId), scenarioTitles()]);
  const found = roster.learners.find((l) => l.learnerId === learnerId);
  if (!found) throw new ApiError('UNKNOWN_LEARNER', 'This class has no such learner.', 'Go back to the class and pick a learner from the roster.', 404);
  const classHref = `#/classes/${encodeURIComponent(classId)}`;
  const exam = roster.class.examMinutes !== null;
  const socket = instructorSocket();

  const facts = h('dl', { class: 'learner-facts' });
  const showRow = (row: RosterRow) => {
    const m = rosterRowModel(row, { now: Date.now(), exam, scenarioTitles: titles });
    replace(facts, [
      fact('Presence', m.online ? 'online' : `offline, last seen ${m.lastSeen}`),
      fact('Scenario', [m.scenario, m.version].filter(Boolean).join(' · ')),
      fact('Step', m.step),
      fact('Score', m.score),
      ...(m.exam ? [fact('Exam time', m.exam)] : []),
    ]);
  };
  showRow(found);

  const report = h('div', { class: 'learner-report', attrs: { 'aria-live': 'polite' } }, [
    h('p', { class: 'muted', text: 'Grade now runs every check of every step in the learner’s cluster, as it is at this moment.' }),
  ]);
  const grade = h('button', { class: 'button button-primary', text: 'Grade now', attrs: { type: 'button' } });
  grade.addEventListener('click', async () => {
    grade.disabled = true;
    grade.textContent = 'Grading…';
    try {
      const graded = await api.grade(classId, learnerId);
      replace(report, [scoreReport(graded, { headingLevel: 'h3', scenarioTitle: titles.get(graded.scenarioId) })]);
    } catch (e) {
      replace(report, [errorNotice(e)]);
    } finally {
      grade.disabled = false;
      grade.textContent = 'Grade now';
    }
  });

  const onUpdate = ({ classId: from, row }: RosterUpdate) => {
    if (from === classId && row.learnerId === learnerId) showRow(row);
  };
  socket.on('roster:update', onUpdate);
  const onConnect = () => socket.emit('class:watch', { classId });
  socket.on('connect', onConnect);
  if (socket.connected) onConnect();

  const terminal = watchTerminal(socket, learnerId, found.displayName);
  const element = h('div', { class: 'learner-page' }, [
    h('header', { class: 'page-head' }, [
      h('p', { class: 'breadcrumb' }, [h('a', { attrs: { href: classHref } }, ['← ', h('span', { text: roster.class.name })])]),
      h('h1', { text: found.displayName, attrs: { tabindex: -1 } }),
      facts,
    ]),
    h('div', { class: 'learner-columns' }, [
      h('section', { class: 'learner-grading', attrs: { 'aria-labelledby': 'grading-heading' } }, [
        h('div', { class: 'section-head' }, [h('h2', { text: 'Grading', attrs: { id: 'grading-heading' } }), grade]),
        report,
      ]),
      terminal.element,
    ]),
  ]);
  // xterm measures its container: mount once the page is in the document.
  let disposed = false;
  requestAnimationFrame(() => {
    if (!disposed) terminal.attach();
  });
  return {
    title: found.displayName,
    element,
    dispose() {
      disposed = true;
      socket.off('roster:update', onUpdate);
      socket.off('connect', onConnect);
      terminal.dispose();
    },
  };
}

// One class, as the instructor runs it: the join code large enough to project, the join link,
// the live roster (socket.io /instructor: class:watch, roster:update), grading on demand, the
// grade exports, and closing the class.

import { api, exportHref } from '../../api.js';
import { confirmDialog } from '../../components/confirm-dialog.js';
import { errorNotice } from '../../components/error-notice.js';
import { learnerHref, rosterTable } from '../../components/roster-table.js';
import type { ClassView, RosterRow, RosterUpdate } from '../../contract.js';
import { h, replace } from '../../dom.js';
import { instructorSocket } from '../../instructor-socket.js';
import { describeConnectError } from '../../lab-socket.js';
import type { View } from '../../router.js';
import { classBadges, scenarioTitles } from './class-facts.js';

const TICK_MS = 15_000;

/** The join link as a link only when it is a web address (it comes from the server). */
function joinLink(url: string): HTMLElement {
  return /^https?:\/\//i.test(url) ? h('a', { class: 'join-url', text: url, attrs: { href: url, target: '_blank', rel: 'noopener' } }) : h('code', { class: 'join-url', text: url });
}

function joinPanel(klass: ClassView): HTMLElement {
  const said = h('span', { class: 'code-said', attrs: { role: 'status' } });
  const copy = h('button', {
    class: 'button button-small',
    text: 'Copy link',
    attrs: { type: 'button' },
    on: {
      click: () =>
        void navigator.clipboard.writeText(klass.joinUrl).then(
          () => (said.textContent = 'Copied.'),
          () => (said.textContent = 'Copy failed: select the link and press Ctrl+C.'),
        ),
    },
  });
  return h('section', { class: `join-panel${klass.closedAt ? ' join-closed' : ''}`, attrs: { 'aria-labelledby': 'join-code-label' } }, [
    h('p', { class: 'join-label', text: klass.closedAt ? 'Join code (class closed)' : 'Join code', attrs: { id: 'join-code-label' } }),
    h('p', { class: 'join-code', text: klass.joinCode }),
    h('p', { class: 'join-how' }, ['Learners open ', joinLink(klass.joinUrl), ' ', copy, ' ', said]),
  ]);
}

export async function classPage(classId: string): Promise<View> {
  const [roster, titles] = await Promise.all([api.roster(classId), scenarioTitles()]);
  let klass = roster.class;
  const socket = instructorSocket();
  const status = h('div', { class: 'class-status', attrs: { 'aria-live': 'polite' } });
  const connection = h('div');
  const badges = h('p', { class: 'class-badges' });
  const join = h('div');

  const onGrade = async (row: RosterRow, button: HTMLButtonElement) => {
    button.disabled = true;
    button.textContent = 'Grading…';
    replace(status, [h('p', { class: 'muted', text: `Grading ${row.displayName}…` })]);
    try {
      const report = await api.grade(classId, row.learnerId);
      replace(status, [
        h('p', { class: 'notice' }, [
          `Graded ${report.displayName}: ${Math.round(report.score.percent)}% (${report.score.passed} of ${report.score.total} points). `,
          h('a', { text: 'See the report', attrs: { href: learnerHref(classId, row.learnerId) } }),
        ]),
      ]);
    } catch (e) {
      replace(status, [errorNotice(e)]);
    } finally {
      button.disabled = false;
      button.textContent = 'Grade now';
    }
  };
  const table = rosterTable({ classId, exam: klass.examMinutes !== null, scenarioTitles: titles, onGrade: (row, button) => void onGrade(row, button) });
  table.set(roster.learners);

  const closeButton = h('button', { class: 'button button-danger', text: 'Close class', attrs: { type: 'button' } });
  const showClass = (next: ClassView) => {
    klass = next;
    replace(badges, classBadges(next));
    replace(join, [joinPanel(next)]);
    closeButton.hidden = next.closedAt !== null;
  };
  showClass(klass);

  closeButton.addEventListener('click', async () => {
    const exam = klass.examMinutes !== null ? ' Running exams end now and are graded.' : '';
    if (!(await confirmDialog(`Close “${klass.name}”?`, `Nobody can join any more and learners cannot start labs.${exam}`, 'Close class'))) return;
    try {
      showClass(await api.closeClass(classId));
      replace(status, [h('p', { class: 'notice', text: 'The class is closed.' })]);
    } catch (e) {
      replace(status, [errorNotice(e)]);
    }
  });

  const onUpdate = ({ classId: from, row }: RosterUpdate) => {
    if (from === classId) table.update(row);
  };
  let connectedBefore = false;
  const onConnect = () => {
    replace(connection, []);
    socket.emit('class:watch', { classId });
    // Updates sent while the connection was down are gone: read the roster again.
    if (connectedBefore) void api.roster(classId).then((r) => table.set(r.learners), (e: unknown) => replace(status, [errorNotice(e)]));
    connectedBefore = true;
  };
  const onConnectError = (error: Error) => replace(connection, [errorNotice(describeConnectError(error))]);
  socket.on('roster:update', onUpdate);
  socket.on('connect', onConnect);
  socket.on('connect_error', onConnectError);
  if (socket.connected) onConnect();
  const ticker = window.setInterval(() => table.tick(), TICK_MS);

  const element = h('div', { class: 'class-page' }, [
    h('header', { class: 'page-head' }, [
      h('p', { class: 'breadcrumb' }, [h('a', { text: '← All classes', attrs: { href: '#/' } })]),
      h('h1', { text: klass.name, attrs: { tabindex: -1 } }),
      badges,
    ]),
    h('div', { class: 'class-top' }, [
      join,
      h('section', { class: 'class-actions', attrs: { 'aria-label': 'Grades and class' } }, [
        h('h2', { text: 'Grades' }),
        h('p', { class: 'muted', text: 'Every check result with its evidence: command, identity, output, time.' }),
        h('p', { class: 'export-links' }, [
          h('a', { class: 'button', text: 'Export CSV', attrs: { href: exportHref(classId, 'csv'), download: '' } }),
          h('a', { class: 'button', text: 'Export JSON', attrs: { href: exportHref(classId, 'json'), download: '' } }),
        ]),
        closeButton,
      ]),
    ]),
    connection,
    status,
    table.element,
  ]);
  return {
    title: klass.name,
    element,
    dispose() {
      window.clearInterval(ticker);
      socket.off('roster:update', onUpdate);
      socket.off('connect', onConnect);
      socket.off('connect_error', onConnectError);
    },
  };
}

// The exam banner under the site header, on every page of a learner in an exam: how long the
// exam is before it starts, the time left while it runs (from GET /api/exam, counted down
// locally and resynced every half minute), and the score once it is over. The end comes as
// exam:ended on /lab, or, if that is missed, from GET /api/exam once the local clock reaches zero.

import { api } from '../api.js';
import { Countdown, countdownAnnouncement, countdownLevel, formatCountdown, formatMinutes } from '../classroom/countdown.js';
import type { ExamState, ScoreReport } from '../contract.js';
import { h, replace } from '../dom.js';
import type { LabSocket } from '../lab-socket.js';
import { errorNotice } from './error-notice.js';

const RESYNC_MS = 30_000;
const END_POLL_MS = 1500;
/** How long the page waits for the grading after the clock reaches zero before saying so. */
const END_POLL_TRIES = 40;

export interface ExamBanner {
  element: HTMLElement;
  ended(): boolean;
  report(): ScoreReport | null;
  /** Asks the server again (after a lab start: the clock starts then). */
  resync(): Promise<void>;
  /** Called once, when the exam ends (with the report, or null while it is not ready). */
  onEnded(listener: (report: ScoreReport | null) => void): () => void;
  dispose(): void;
}

const RULES = 'Hints, solutions and Check are off: your work is graded when the time is up.';

export async function examBanner(socket: LabSocket): Promise<ExamBanner> {
  const announce = h('p', { class: 'visually-hidden', attrs: { 'aria-live': 'polite', role: 'status' } });
  const body = h('div', { class: 'exam-banner-body' });
  const element = h('section', { class: 'exam-banner', attrs: { 'aria-label': 'Exam' } }, [h('span', { class: 'exam-tag', text: 'Exam' }), body, announce]);
  const countdown = new Countdown();
  const listeners = new Set<(report: ScoreReport | null) => void>();
  let state: ExamState | undefined;
  let shown: number | undefined;
  /** What the listeners heard: nothing, the end without a report, or the report. */
  let told: 'nothing' | 'end' | 'report' = 'nothing';
  let polling = false;
  let disposed = false;

  const render = () => {
    element.dataset.level = 'normal';
    if (!state) return;
    if (state.ended) {
      element.dataset.level = 'over';
      const score = state.report?.score;
      replace(body, [
        h('strong', { class: 'exam-state', text: 'The exam is over.' }),
        score
          ? h('span', { class: 'exam-score', text: `Your score: ${Math.round(score.percent)}% (${score.passed} of ${score.total} points).` })
          : h('span', { text: 'Grading your work…' }),
        score ? h('a', { class: 'exam-link', text: 'See the report', attrs: { href: '/#/' } }) : null,
      ]);
      return;
    }
    const left = countdown.remaining(performance.now());
    if (left === undefined) {
      replace(body, [h('strong', { class: 'exam-state', text: `${formatMinutes(state.minutes)}, starting when you start the lab.` }), h('span', { class: 'exam-rules', text: RULES })]);
      return;
    }
    element.dataset.level = countdownLevel(left);
    if (left === 0) {
      replace(body, [h('strong', { class: 'exam-state', text: 'Time is up.' }), h('span', { text: 'Grading your work…' })]);
      return;
    }
    replace(body, [
      h('span', { class: 'exam-clock', attrs: { role: 'timer', 'aria-label': 'Time left in the exam' } }, [
        h('span', { class: 'exam-clock-label', text: 'Time left', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'exam-clock-value', text: formatCountdown(left) }),
      ]),
      h('span', { class: 'exam-rules', text: RULES }),
    ]);
  };

  const finish = (report: ScoreReport | null) => {
    if (!state) return;
    state = { ...state, ended: true, report: report ?? state.report };
    render();
    const news = state.report ? 'report' : 'end';
    if (told !== news && told !== 'report') {
      told = news;
      for (const listener of listeners) listener(state.report);
    }
    if (!state.report) void pollForEnd();
  };

  const apply = (next: ExamState) => {
    if (state?.ended && !next.ended) return;
    state = next;
    countdown.sync(next.remainingMs, performance.now());
    if (next.ended) finish(next.report);
    else render();
  };

  const resync = async () => {
    try {
      apply(await api.exam());
    } catch (e) {
      // The clock keeps counting on the last answer; a failed resync is only worth a note.
      if (!state) replace(body, [errorNotice(e)]);
    }
  };

  /** The clock reached zero (or the exam ended without a report yet): ask until it is graded. */
  async function pollForEnd(): Promise<void> {
    if (polling) return;
    polling = true;
    for (let i = 0; i < END_POLL_TRIES && !disposed && !(state?.ended && state.report); i++) {
      await new Promise((r) => window.setTimeout(r, END_POLL_MS));
      await resync();
    }
    polling = false;
    if (!disposed && state && !state.report) {
      replace(body, [
        h('strong', { class: 'exam-state', text: 'The exam is over.' }),
        h('span', { text: 'Your report is not ready yet: reload the page in a minute.' }),
      ]);
    }
  }

  const tick = () => {
    const left = countdown.remaining(performance.now());
    if (left === undefined || state?.ended) return;
    const said = shown !== undefined ? countdownAnnouncement(shown, left) : undefined;
    if (said) announce.textContent = said;
    shown = left;
    if (left === 0) void pollForEnd();
    render();
  };

  const onEnded = (report: ScoreReport) => finish(report);
  const onConnect = () => void resync();
  socket.on('exam:ended', onEnded);
  socket.on('connect', onConnect);
  const ticker = window.setInterval(tick, 1000);
  const resyncer = window.setInterval(() => void resync(), RESYNC_MS);
  await resync();

  return {
    element,
    ended: () => state?.ended === true,
    report: () => state?.report ?? null,
    resync,
    onEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      window.clearInterval(ticker);
      window.clearInterval(resyncer);
      socket.off('exam:ended', onEnded);
      socket.off('connect', onConnect);
    },
  };
}

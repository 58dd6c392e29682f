// Boot: get the session (cookie + CSRF token, and in classroom mode the role) before anything
// else talks to the server, then render the page the URL names, and again whenever it changes.
// An instructor link's one-time secret is spent first (see instructor-access.ts).

import './styles.css';
import { loadSession } from './api.js';
import { errorNotice } from './components/error-notice.js';
import { examBanner, type ExamBanner } from './components/exam-banner.js';
import type { ScoreReport, Session } from './contract.js';
import { h, replace } from './dom.js';
import { labSocket } from './lab-socket.js';
import { homeHref, navLinks, whoText } from './nav.js';
import { parseRoute, redirectFor, type InstructorRoute, type Route, type View } from './router.js';
import { accessMatrixPage } from './views/access-matrix-page.js';
import { catalogPage } from './views/catalog-page.js';
import { examReportPage } from './views/exam-report-page.js';
import { classesPage } from './views/instructor/classes-page.js';
import { classPage } from './views/instructor/class-page.js';
import { claimFromAddress, notInstructorPage } from './views/instructor/instructor-access.js';
import { joinPage } from './views/join-page.js';

const main = document.getElementById('main')!;
let session: Session;
let exam: ExamBanner | undefined;
let claimError: unknown;
let view: View | undefined;
let route: Route | undefined;
let navigation = 0;

function currentRoute(): Route {
  return parseRoute(location.hash, location.pathname, location.search);
}

async function instructorView(at: InstructorRoute): Promise<View> {
  if (session.role !== 'instructor') return notInstructorPage(session, claimError);
  switch (at.view) {
    case 'classes':
      return classesPage();
    case 'class':
      return classPage(at.classId);
    case 'learner': {
      // The read-only terminal (xterm.js) is most of the bundle: load it only where it is used.
      const { learnerPage } = await import('./views/instructor/learner-page.js');
      return learnerPage(at.classId, at.learnerId);
    }
  }
}

async function viewFor(to: Route): Promise<View> {
  switch (to.page) {
    case 'catalog':
      return exam?.ended() ? examReportPage(exam.report()) : catalogPage(session.class);
    case 'scenario': {
      if (exam?.ended()) return examReportPage(exam.report());
      const { scenarioPage } = await import('./views/scenario-page.js');
      return scenarioPage(to.id, labSocket(), { ...(session.class ? { classroom: session.class } : {}), ...(exam ? { exam } : {}) });
    }
    case 'access':
      return accessMatrixPage();
    case 'join':
      return joinPage(session, to.code);
    case 'instructor':
      return instructorView(to.at);
    case 'not-found':
      return { title: 'Not found', element: h('div', {}, [h('h1', { text: 'No such page', attrs: { tabindex: -1 } }), h('p', {}, [`Nothing lives at ${to.path}. `, h('a', { text: 'Go to the start page', attrs: { href: homeHref(session) } })])]) };
  }
}

function markCurrentLink(to: Route): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
    if (link.dataset.pages?.split(' ').includes(to.page)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function render(): Promise<void> {
  const mine = ++navigation;
  const to = currentRoute();
  const redirect = redirectFor(session, to);
  if (redirect) {
    location.replace(redirect);
    return;
  }
  view?.dispose?.();
  view = undefined;
  route = to;
  replace(main, [h('p', { class: 'loading', text: 'Loading…', attrs: { role: 'status' } })]);
  main.setAttribute('aria-busy', 'true');
  let next: View;
  try {
    next = await viewFor(to);
  } catch (e) {
    next = { title: 'Error', element: h('div', {}, [h('h1', { text: 'This page could not be loaded', attrs: { tabindex: -1 } }), errorNotice(e)]) };
  }
  if (mine !== navigation) {
    next.dispose?.();
    return;
  }
  view = next;
  replace(main, [next.element]);
  main.removeAttribute('aria-busy');
  document.title = `${next.title} · kubelab`;
  markCurrentLink(to);
  // Moving focus to the new heading tells screen-reader users the page changed.
  if (mine > 1) next.element.querySelector<HTMLElement>('h1')?.focus();
}

function renderFrame(): void {
  document.querySelector<HTMLAnchorElement>('.site-name')?.setAttribute('href', homeHref(session));
  const list = document.querySelector('.site-nav ul');
  if (list) replace(list, navLinks(session).map((link) => h('li', {}, [h('a', { text: link.label, attrs: { href: link.href, 'data-pages': link.pages.join(' ') } })])));
  const who = whoText(session);
  const header = document.querySelector('.site-header');
  if (who) header?.appendChild(h('p', { class: 'site-who', text: who }));
  if (exam) header?.after(exam.element);
}

/** The exam ended while the learner works: the page showing shows it, or makes way for the report. */
function followExamEnd(report: ScoreReport | null): void {
  if (view?.examEnded) view.examEnded(report);
  else if (route?.page === 'catalog' || route?.page === 'scenario') void render();
}

async function boot(): Promise<void> {
  // The skip link cannot use #main: the hash names the page.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  try {
    session = await loadSession();
    if (currentRoute().page === 'instructor') {
      const claim = await claimFromAddress();
      claimError = claim.error;
      if (claim.tried) session = await loadSession();
    }
    if (session.mode === 'exam' && session.role === 'learner') {
      exam = await examBanner(labSocket());
      exam.onEnded(followExamEnd);
    }
  } catch (e) {
    replace(main, [h('h1', { text: 'The lab is not reachable' }), errorNotice(e)]);
    return;
  }
  renderFrame();
  window.addEventListener('hashchange', () => void render());
  await render();
}

void boot();

// Routes. The learner's pages are hash routes under / (#/, #/scenarios/ID, #/access), so a reload
// lands on the same page without the server knowing the front end's paths. Classroom mode adds
// two paths the server prints or hands out: /join?code=... and /instructor, whose own pages are
// hash routes again (#/, #/classes/ID, #/classes/ID/learners/ID). The instructor URL carries its
// one-time secret in the fragment (#claim=...), which is not a route: see claim.ts.

import type { ScoreReport, Session } from './contract.js';

export interface View {
  title: string;
  element: HTMLElement;
  dispose?(): void;
  /** The learner's exam ended while this view is shown: it shows that itself (else the page is rendered again). */
  examEnded?(report: ScoreReport | null): void;
}

export type InstructorRoute = { view: 'classes' } | { view: 'class'; classId: string } | { view: 'learner'; classId: string; learnerId: string };

export type Route =
  | { page: 'catalog' }
  | { page: 'scenario'; id: string }
  | { page: 'access' }
  | { page: 'join'; code: string }
  | { page: 'instructor'; at: InstructorRoute }
  | { page: 'not-found'; path: string };

function hashPath(hash: string): string {
  return hash.replace(/^#/, '') || '/';
}

function instructorRoute(hash: string): InstructorRoute | undefined {
  const path = hashPath(hash);
  if (path === '/' || path.startsWith('claim=')) return { view: 'classes' };
  const learner = /^\/classes\/([^/]+)\/learners\/([^/]+)$/.exec(path);
  if (learner?.[1] && learner[2]) return { view: 'learner', classId: decodeURIComponent(learner[1]), learnerId: decodeURIComponent(learner[2]) };
  const klass = /^\/classes\/([^/]+)$/.exec(path);
  if (klass?.[1]) return { view: 'class', classId: decodeURIComponent(klass[1]) };
  return undefined;
}

export function parseRoute(hash: string, pathname = '/', search = ''): Route {
  const page = pathname.replace(/\/+$/, '') || '/';
  if (page === '/join') return { page: 'join', code: new URLSearchParams(search).get('code') ?? '' };
  if (page === '/instructor') {
    const at = instructorRoute(hash);
    return at ? { page: 'instructor', at } : { page: 'not-found', path: `/instructor#${hashPath(hash)}` };
  }
  if (page !== '/') return { page: 'not-found', path: pathname };
  const path = hashPath(hash);
  if (path === '/') return { page: 'catalog' };
  if (path === '/access') return { page: 'access' };
  const scenario = /^\/scenarios\/([^/]+)$/.exec(path);
  if (scenario?.[1]) return { page: 'scenario', id: decodeURIComponent(scenario[1]) };
  return { page: 'not-found', path };
}

/**
 * Where a session may be in classroom mode: a learner's pages need a joined learner, the
 * instructor's an instructor (or someone about to claim it). Anything else goes where that
 * session belongs instead of to a page that would only answer 403.
 */
export function redirectFor(session: Pick<Session, 'mode' | 'role'>, route: Route): string | undefined {
  if (session.mode === 'practice' || route.page === 'not-found') return undefined;
  const learnerPage = route.page === 'catalog' || route.page === 'scenario' || route.page === 'access';
  if (session.role === 'instructor' && (learnerPage || route.page === 'join')) return '/instructor';
  if ((session.role ?? 'none') === 'none' && learnerPage) return '/join';
  return undefined;
}

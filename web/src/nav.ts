// The site navigation per kind of visitor: a learner (or anyone in practice mode) moves between
// scenarios and the access matrix; the instructor has the classes; someone in classroom mode who
// is neither yet can only join.

import type { Session } from './contract.js';
import type { Route } from './router.js';

export interface NavLink {
  label: string;
  href: string;
  /** The route pages this link is the current one for. */
  pages: Route['page'][];
}

export function navLinks(session: Pick<Session, 'mode' | 'role'>): NavLink[] {
  const role = session.mode === 'practice' ? 'learner' : (session.role ?? 'none');
  switch (role) {
    case 'instructor':
      return [{ label: 'Classes', href: '/instructor#/', pages: ['instructor'] }];
    case 'none':
      return [{ label: 'Join a class', href: '/join', pages: ['join'] }];
    default:
      return [
        { label: 'Scenarios', href: '/#/', pages: ['catalog', 'scenario'] },
        { label: 'Access matrix', href: '/#/access', pages: ['access'] },
      ];
  }
}

/** Where the site name leads: the visitor's start page. */
export function homeHref(session: Pick<Session, 'mode' | 'role'>): string {
  return navLinks(session)[0]!.href;
}

/** Who is signed in, for the header: a learner's name and class, or "Instructor". */
export function whoText(session: Session): string {
  if (session.mode === 'practice') return '';
  if (session.role === 'instructor') return 'Instructor';
  if (session.role === 'learner' && session.learner) return `${session.learner.displayName}${session.class ? ` · ${session.class.name}` : ''}`;
  return '';
}

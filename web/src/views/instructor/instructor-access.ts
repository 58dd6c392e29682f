// Becoming the instructor: the URL `kubelab start --classroom` prints carries a one-time secret
// in its fragment (#claim=...). The page spends it (POST /api/instructor/claim) and takes it out
// of the address bar at once, so it is not left in the history, a bookmark or a screenshot.

import { api } from '../../api.js';
import { claimSecret } from '../../classroom/claim.js';
import { errorNotice } from '../../components/error-notice.js';
import type { Session } from '../../contract.js';
import { h } from '../../dom.js';
import type { View } from '../../router.js';

export interface ClaimOutcome {
  /** The address held a secret and the page tried it: the session's role may have changed. */
  tried: boolean;
  /** Why the server refused it. */
  error?: unknown;
}

/** Spends the secret in the address, if there is one. */
export async function claimFromAddress(): Promise<ClaimOutcome> {
  const secret = claimSecret(location.hash);
  if (!secret) return { tried: false };
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  try {
    await api.claimInstructor(secret);
    return { tried: true };
  } catch (error) {
    return { tried: true, error };
  }
}

/** /instructor for a session that is not the instructor's (yet). */
export function notInstructorPage(session: Session, claimError: unknown): View {
  if (session.mode === 'practice') {
    const element = h('div', { class: 'access-page' }, [
      h('h1', { text: 'No classes in practice mode', attrs: { tabindex: -1 } }),
      h('p', { text: 'This lab was started without --classroom, so it has no instructor and no classes.' }),
      h('p', {}, ['To teach a class, stop it and run ', h('code', { text: 'kubelab start --classroom' }), ', then open the instructor link it prints.']),
      h('p', {}, [h('a', { text: 'Go to the scenarios', attrs: { href: '/#/' } })]),
    ]);
    return { title: 'Instructor', element };
  }
  const element = h('div', { class: 'access-page' }, [
    h('h1', { text: 'Instructor sign-in', attrs: { tabindex: -1 } }),
    claimError
      ? errorNotice(claimError)
      : errorNotice({
          message: 'This browser session is not the instructor’s.',
          fix: 'Open the instructor link that `kubelab start --classroom` printed (it ends in #claim=…). Each link works once; restart the server for a new one.',
        }),
    h('p', {}, ['Are you a learner? ', h('a', { text: 'Join a class', attrs: { href: '/join' } }), ' with the code your instructor shows.']),
  ]);
  return { title: 'Instructor', element };
}

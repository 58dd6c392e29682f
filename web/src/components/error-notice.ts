// Every failure the learner sees says what happened and what to do (the contract's message and fix).

import { ApiError } from '../api.js';
import { h } from '../dom.js';

export interface Problem {
  message: string;
  fix: string;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return { message: error.message, fix: error.fix };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `Something went wrong in the page: ${message}`, fix: 'Reload the page. If it happens again, report it with the steps that led here.' };
}

/** An alert box; role=alert makes screen readers announce it as soon as it appears. */
export function errorNotice(error: unknown): HTMLElement {
  const { message, fix } = problemOf(error);
  return h('div', { class: 'notice notice-error', attrs: { role: 'alert' } }, [
    h('p', { class: 'notice-message', text: message }),
    fix ? h('p', { class: 'notice-fix' }, [h('strong', { text: 'What to do: ' }), fix]) : null,
  ]);
}

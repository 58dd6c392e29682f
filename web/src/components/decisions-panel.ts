// The kubelet decision log of this session's cluster, newest first: who called which endpoint,
// each SubjectAccessReview the kubelet made (in order, cached or fresh), which binding allowed
// it, or why every binding that names the caller failed to. Fed by GET /api/lab/decisions and
// then live by lab:decision events.

import { api } from '../api.js';
import type { DecisionReview, KubeletDecision } from '../contract.js';
import { h, replace } from '../dom.js';
import type { LabSocket } from '../lab-socket.js';
import { errorNotice } from './error-notice.js';

const SHOWN = 100;

export interface DecisionsPanel {
  element: HTMLElement;
  /** Loads the log afresh (a new or reset cluster starts a new log). */
  reload(): Promise<void>;
  dispose(): void;
}

function clock(time: string): string {
  const at = new Date(time);
  return Number.isNaN(at.getTime()) ? time : at.toLocaleTimeString(undefined, { hour12: false }) + `.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

function caller(d: KubeletDecision): string {
  switch (d.outcome) {
    case 'routed-before-auth':
      return `answered before authentication (${d.status === 301 ? 'redirect to the path with a slash' : 'no such endpoint'})`;
    case 'unauthenticated':
      return `not authenticated: ${d.authentication?.errors?.join('; ') || 'no credentials accepted and anonymous auth is off'}`;
    default: {
      const a = d.authentication;
      if (!a?.user) return 'no user';
      const how = [a.method, a.cached ? 'cached token review' : ''].filter(Boolean).join(', ');
      return `${a.user}${how ? ` (${how})` : ''}`;
    }
  }
}

function reviewItem(r: DecisionReview): HTMLElement {
  const allowed = r.decision === 'allow';
  const explanation = r.explanation;
  const why: (HTMLElement | null)[] = [];
  if (allowed && explanation?.allowedBy) {
    const b = explanation.allowedBy;
    why.push(h('li', { text: `allowed by ${b.bindingKind} ${b.binding}${b.namespace ? ` in ${b.namespace}` : ''} → ${b.role}` }));
  }
  if (!allowed) {
    for (const b of explanation?.notAllowedBy ?? []) {
      why.push(h('li', { text: `${b.bindingKind} ${b.binding}${b.namespace ? ` in ${b.namespace}` : ''} → ${b.role}: ${b.error ?? b.mismatches.join('; ')}` }));
    }
    if (explanation && explanation.notAllowedBy.length === 0 && !explanation.decidedBy) {
      why.push(h('li', { text: `no binding gives this user or its groups any rule on ${r.resource}` }));
    }
    if (r.liveDecision && r.liveDecision !== r.decision) {
      why.push(h('li', { text: `the cluster would now answer ${r.liveDecision}; the kubelet keeps its cached answer until it expires` }));
    }
  }
  return h('li', { class: allowed ? 'review-allowed' : 'review-denied' }, [
    h('span', { class: 'review-mark', text: allowed ? '✓ allow' : r.decision === 'noOpinion' ? '✗ no opinion, so denied' : '✗ deny' }),
    ' ',
    h('code', { text: `${r.verb || '""'} ${r.resource}/${r.subresource}` }),
    r.cached ? h('span', { class: 'badge', text: 'kubelet cache' }) : null,
    r.reason ? h('div', { class: 'review-reason', text: r.reason }) : null,
    why.length ? h('ul', { class: 'review-why' }, why) : null,
  ]);
}

function decisionItem(d: KubeletDecision): HTMLElement {
  const ok = d.status < 400;
  return h('li', { class: `decision ${ok ? 'decision-ok' : 'decision-refused'}`, attrs: { 'data-seq': d.seq } }, [
    h('div', { class: 'decision-head' }, [
      h('time', { text: clock(d.time), attrs: { datetime: d.time } }),
      ' ',
      h('code', { class: 'decision-request', text: `${d.method} ${d.path}${d.query ? `?${d.query}` : ''}` }),
      ' → ',
      h('strong', { class: 'decision-status', text: String(d.status) }),
      h('span', { class: 'muted', text: ` on ${d.node}${d.upgrade ? ' (connection upgrade)' : ''}` }),
    ]),
    h('div', { class: 'decision-caller', text: `as ${caller(d)}` }),
    d.reviews.length ? h('ol', { class: 'reviews', attrs: { 'aria-label': 'SubjectAccessReviews in the order the kubelet made them' } }, d.reviews.map(reviewItem)) : null,
  ]);
}

export function decisionsPanel(socket: LabSocket): DecisionsPanel {
  const count = h('span', { class: 'muted' });
  // A scrolling list: focusable so that keyboard users can scroll it too.
  const list = h('ol', { class: 'decisions', attrs: { tabindex: 0, 'aria-labelledby': 'decisions-heading' } });
  const notices = h('div');
  const empty = h('p', { class: 'muted', text: 'No kubelet requests yet. Try: curl -sk https://$NODE_IP:10250/pods' });
  const element = h('section', { class: 'decisions-panel', attrs: { 'aria-labelledby': 'decisions-heading' } }, [
    h('div', { class: 'pane-header' }, [h('h2', { text: 'Kubelet decisions', attrs: { id: 'decisions-heading' } }), count]),
    notices,
    empty,
    list,
  ]);
  const seen = new Set<number>();

  const render = () => {
    empty.hidden = seen.size > 0;
    count.textContent = seen.size === 1 ? '1 request' : `${seen.size} requests`;
    while (list.children.length > SHOWN) list.lastElementChild?.remove();
  };
  const add = (d: KubeletDecision) => {
    if (seen.has(d.seq)) return;
    seen.add(d.seq);
    // Newest first by seq: a live event can arrive while the initial load is in flight.
    const older = [...list.children].find((li) => Number((li as HTMLElement).dataset.seq) < d.seq);
    list.insertBefore(decisionItem(d), older ?? null);
    render();
  };
  socket.on('lab:decision', add);

  return {
    element,
    async reload() {
      seen.clear();
      replace(list, []);
      replace(notices, []);
      try {
        const newestFirst = await api.decisions(SHOWN);
        for (const d of [...newestFirst].reverse()) add(d);
      } catch (e) {
        replace(notices, [errorNotice(e)]);
      }
      render();
    },
    dispose() {
      socket.off('lab:decision', add);
    },
  };
}

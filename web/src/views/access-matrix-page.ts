// The access matrix: for one subject, every kubelet endpoint group against v1.31, v1.33 and
// v1.36, each cell allowed or denied, computed by the server from this session's RBAC. A cell is
// a button: hover or focus shows the reason, a click keeps it in the detail box under the table.

import { api } from '../api.js';
import { errorNotice } from '../components/error-notice.js';
import type { AccessMatrix, MatrixCell, MatrixEndpoint } from '../contract.js';
import { h, replace, uniqueId } from '../dom.js';
import type { View } from '../router.js';

const KINDS = ['ServiceAccount', 'User', 'Group'] as const;
type Kind = (typeof KINDS)[number];

const PLACEHOLDER: Record<Kind, string> = {
  ServiceAccount: 'monitoring/prometheus',
  User: 'kube-apiserver-kubelet-client',
  Group: 'system:monitoring',
};

const LAST_SUBJECT = 'kubelab.matrix.subject';

/** "ServiceAccount:ns/name" and friends, or a sentence saying what is wrong with the name. */
export function subjectOf(kind: Kind, name: string): { subject: string } | { problem: string } {
  const trimmed = name.trim();
  if (!trimmed) return { problem: `Enter the ${kind === 'ServiceAccount' ? 'ServiceAccount as namespace/name' : `${kind.toLowerCase()} name`}.` };
  if (kind === 'ServiceAccount' && !/^[a-z0-9-]+\/[a-z0-9.-]+$/.test(trimmed)) {
    return { problem: 'A ServiceAccount is written namespace/name, for example monitoring/prometheus.' };
  }
  return { subject: `${kind}:${trimmed}` };
}

function parseSubject(subject: string): { kind: Kind; name: string } | undefined {
  const colon = subject.indexOf(':');
  const kind = subject.slice(0, colon) as Kind;
  return KINDS.includes(kind) ? { kind, name: subject.slice(colon + 1) } : undefined;
}

const endpointKey = (e: MatrixEndpoint) => `${e.method} ${e.path}`;

function cellButton(endpoint: MatrixEndpoint, cell: MatrixCell | undefined, select: (text: string) => void): HTMLElement {
  if (!cell) return h('td', { class: 'cell-missing', text: '—', attrs: { 'aria-label': 'not computed' } });
  const tipId = uniqueId('reason');
  const verdict = cell.allowed ? 'allowed' : 'denied';
  const tried = cell.subresources.length ? `Subresources tried: ${cell.subresources.map((s) => `nodes/${s}`).join(', ')}.` : '';
  const detail = `${endpointKey(endpoint)} on v${cell.version}: ${verdict}. ${tried} ${cell.reason}`.trim();
  return h('td', { class: 'matrix-cell' }, [
    h(
      'button',
      {
        class: `cell cell-${verdict}`,
        attrs: { type: 'button', 'aria-describedby': tipId },
        on: { click: () => select(detail) },
      },
      [h('span', { text: cell.allowed ? '✓' : '✗', attrs: { 'aria-hidden': 'true' } }), ` ${verdict}`],
    ),
    h('span', { class: 'tooltip', attrs: { role: 'tooltip', id: tipId } }, [tried ? h('span', { class: 'tooltip-tried', text: tried }) : null, h('span', { text: cell.reason })]),
  ]);
}

function matrixTable(matrix: AccessMatrix, select: (text: string) => void): HTMLElement {
  const cells = new Map(matrix.cells.map((c) => [`${c.endpoint}@${c.version}`, c]));
  return h('table', { class: 'matrix' }, [
    h('caption', { text: `What ${matrix.subject} may call on a kubelet, per version` }),
    h('thead', {}, [
      h('tr', {}, [
        h('th', { text: 'Endpoint group', attrs: { scope: 'col' } }),
        h('th', { text: 'Request', attrs: { scope: 'col' } }),
        ...matrix.versions.map((v) => h('th', { text: `v${v}`, attrs: { scope: 'col' } })),
      ]),
    ]),
    h(
      'tbody',
      {},
      matrix.endpoints.map((e) => {
        const row = matrix.versions.map((v) => cells.get(`${e.group}@${v}`));
        // Rows where versions disagree are the lesson: they get a mark that is also read out.
        const differs = new Set(row.map((c) => c?.allowed)).size > 1;
        return h('tr', { class: differs ? 'row-differs' : undefined }, [
          h('th', { attrs: { scope: 'row' } }, [e.group, differs ? h('span', { class: 'badge badge-differs', text: 'differs by version' }) : null]),
          h('td', {}, [h('code', { text: endpointKey(e) })]),
          ...row.map((c) => cellButton(e, c, select)),
        ]);
      }),
    ),
  ]);
}

export function accessMatrixPage(): View {
  const remembered = parseSubject(sessionStorage.getItem(LAST_SUBJECT) ?? '');
  const kindSelect = h('select', { attrs: { id: 'subject-kind' } }, KINDS.map((k) => h('option', { text: k, attrs: { value: k } })));
  const nameInput = h('input', { attrs: { id: 'subject-name', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'subject-help' } });
  const help = h('p', { class: 'muted', attrs: { id: 'subject-help' } });
  const submit = h('button', { class: 'button button-primary', text: 'Show access', attrs: { type: 'submit' } });
  const status = h('p', { class: 'muted', attrs: { role: 'status' } });
  const result = h('div', { class: 'matrix-result' });
  const detail = h('p', { class: 'matrix-detail', attrs: { 'aria-live': 'polite' } });

  const syncKind = () => {
    const kind = kindSelect.value as Kind;
    nameInput.placeholder = PLACEHOLDER[kind];
    help.textContent = kind === 'ServiceAccount' ? 'namespace/name, for example monitoring/prometheus' : `the ${kind.toLowerCase()} name as the API server sees it`;
  };
  if (remembered) {
    kindSelect.value = remembered.kind;
    nameInput.value = remembered.name;
  }
  syncKind();
  kindSelect.addEventListener('change', syncKind);

  const form = h('form', { class: 'matrix-form', attrs: { 'aria-label': 'Subject' } }, [
    h('span', { class: 'field' }, [h('label', { text: 'Kind', attrs: { for: 'subject-kind' } }), kindSelect]),
    h('span', { class: 'field field-grow' }, [h('label', { text: 'Name', attrs: { for: 'subject-name' } }), nameInput, help]),
    submit,
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const parsed = subjectOf(kindSelect.value as Kind, nameInput.value);
    if ('problem' in parsed) {
      replace(result, [errorNotice({ message: parsed.problem, fix: 'Correct the name and press “Show access” again.' })]);
      nameInput.focus();
      return;
    }
    sessionStorage.setItem(LAST_SUBJECT, parsed.subject);
    submit.disabled = true;
    result.setAttribute('aria-busy', 'true');
    status.textContent = `Asking clusters of every version about ${parsed.subject}…`;
    detail.textContent = '';
    const began = performance.now();
    try {
      const matrix = await api.accessMatrix(parsed.subject);
      const denied = matrix.cells.filter((c) => !c.allowed).length;
      replace(result, [matrixTable(matrix, (text) => (detail.textContent = text))]);
      status.textContent = `${matrix.cells.length - denied} allowed, ${denied} denied, computed in ${Math.round(performance.now() - began)} ms.`;
    } catch (e) {
      replace(result, [errorNotice(e)]);
      status.textContent = '';
    } finally {
      submit.disabled = false;
      result.removeAttribute('aria-busy');
    }
  });

  const element = h('div', { class: 'matrix-page' }, [
    h('h1', { text: 'Access matrix', attrs: { tabindex: -1 } }),
    h('p', { class: 'lead', text: 'Pick a subject to see which kubelet endpoints it may call on each Kubernetes version, computed from the RBAC in your lab cluster. Hover or focus a cell for the reason; click it to keep the reason below the table.' }),
    form,
    status,
    result,
    detail,
  ]);
  return { title: 'Access matrix', element };
}

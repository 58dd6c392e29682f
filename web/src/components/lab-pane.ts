// The lab side of a scenario page: the controls for this session's cluster (version, start,
// reset, the timer), the stages of slow work, then the terminal and the kubelet decisions once the
// cluster is ready. One lab per session: starting a scenario while another one's lab runs, or
// switching version, replaces that cluster, so both ask first.

import { api, ApiError } from '../api.js';
import type { IdleWarning, Lab, LabEnded, LabEndReason, ScenarioDetail, Version } from '../contract.js';
import { h, replace } from '../dom.js';
import type { LabSocket } from '../lab-socket.js';
import { confirmDialog } from './confirm-dialog.js';
import { decisionsPanel } from './decisions-panel.js';
import { errorNotice } from './error-notice.js';
import { labTimer } from './lab-timer.js';
import { progressList } from './progress-list.js';
import { terminalPane } from './terminal-pane.js';

const POLL_MS = 500;

const ENDED: Record<LabEndReason, string> = {
  replaced: 'Your lab was replaced by another scenario or version (from another tab?).',
  reset: 'Your lab was reset from another tab.',
  deleted: 'Your lab was deleted (from another tab?).',
  idle: 'Your lab was deleted because nobody used it for a long time.',
  shutdown: 'The lab server is shutting down; your lab is gone.',
  'exam-over': 'The exam is over: this shell is closed. Your work was graded as it stood at the end.',
};

/** What a lab closed by the end of its exam says. */
export const EXAM_OVER_MESSAGE = ENDED['exam-over'];

export interface LabPane {
  element: HTMLElement;
  /** Types text at the lab's prompt; says so if there is no terminal yet. */
  run(text: string): void;
  /** No more work in this lab (the exam is over): the controls go, the terminal stays, read-only. */
  close(message: string): void;
  dispose(): void;
}

export interface LabPaneOptions {
  scenario: ScenarioDetail;
  socket: LabSocket;
  /** The lab the session already has, if any (it may belong to another scenario). */
  current: Lab | undefined;
  /** The learner picked a version while no lab runs: show the text for it. */
  onVersion(version: Version): void;
  /** Called whenever this scenario's lab becomes ready (a new cluster: new labId). */
  onReady(lab: Lab): void;
  /** An exam: its banner shows the time left, so the lab's own timer stays hidden. */
  exam?: boolean;
}

function describeLab(lab: Lab): string {
  const nodes = lab.nodes.map((n) => `${n.name} ${n.internalIP}:${n.kubeletPort}`).join(', ');
  return `Kubernetes ${lab.gitVersion} · ${nodes}`;
}

export function labPane(options: LabPaneOptions): LabPane {
  const { scenario, socket } = options;
  const versionSelect = h(
    'select',
    { attrs: { id: 'lab-version' } },
    scenario.versions.map((v) => h('option', { text: `v${v}`, attrs: { value: v } })),
  );
  const versionControl =
    scenario.versions.length > 1
      ? h('span', { class: 'field' }, [h('label', { text: 'Kubernetes version', attrs: { for: 'lab-version' } }), versionSelect])
      : h('span', { class: 'field' }, [h('span', { class: 'field-label', text: 'Kubernetes version' }), h('span', { class: 'version', text: `v${scenario.version}` })]);
  const startButton = h('button', { class: 'button button-primary', text: 'Start the lab', attrs: { type: 'button' } });
  const resetButton = h('button', { class: 'button', text: 'Reset cluster', attrs: { type: 'button', hidden: true } });
  const timer = labTimer();
  const facts = h('p', { class: 'lab-facts muted' });
  const notices = h('div', { class: 'lab-notices' });
  const progress = progressList('Preparing the cluster');
  const work = h('div', { class: 'lab-work' });
  const element = h('section', { class: 'lab-pane', attrs: { 'aria-label': 'Lab' } }, [
    h('div', { class: 'lab-bar' }, [versionControl, startButton, resetButton, timer.element]),
    facts,
    notices,
    progress.element,
    work,
  ]);

  const terminal = terminalPane(socket);
  const decisions = decisionsPanel(socket);
  let lab: Lab | undefined;
  /** The session's lab when it belongs to another scenario: starting this one replaces it. */
  let otherLab = options.current?.scenarioId !== scenario.id ? options.current : undefined;
  let disposed = false;
  let busy = false;
  let closed = false;

  const onProgress = progress.update;
  const onIdle = ({ deleteInMs }: IdleWarning) => {
    const keep = h('button', { class: 'button', text: 'Keep my lab', attrs: { type: 'button' } });
    const warning = h('div', { class: 'notice', attrs: { role: 'alert' } }, [
      h('p', { text: `Nobody has used this lab for a while: it will be deleted in about ${Math.max(1, Math.round(deleteInMs / 60_000))} minutes.` }),
      keep,
    ]);
    keep.addEventListener('click', () => void api.lab().then(() => warning.remove(), (e: unknown) => replace(notices, [errorNotice(e)])));
    replace(notices, [warning]);
  };
  // Ends this page did not ask for (its own start, reset or switch keeps it busy): another
  // tab, the idle reaper, or the server stopping.
  const followEnd = async ({ labId, reason }: LabEnded) => {
    if (busy || closed || lab?.labId !== labId) return;
    if (reason === 'exam-over') {
      // The work stays in view: the terminal keeps what it shows, read-only.
      close(ENDED[reason]);
      return;
    }
    lab = undefined;
    timer.stop();
    replace(work, []);
    // Another tab may have put a new lab of this scenario in its place: follow it there.
    const next = reason === 'reset' || reason === 'replaced' ? await api.lab().catch(() => undefined) : undefined;
    if (next?.scenarioId === scenario.id) await act(async () => next);
    else showIdle(errorNotice({ message: ENDED[reason], fix: 'Press “Start the lab” for a fresh cluster.' }));
  };
  const onEnded = (end: LabEnded) => void followEnd(end);
  function close(message: string): void {
    closed = true;
    startButton.hidden = true;
    resetButton.hidden = true;
    versionSelect.disabled = true;
    timer.stop();
    if (work.firstChild) terminal.close(message);
    else replace(notices, [h('div', { class: 'notice', attrs: { role: 'status' } }, [h('p', { text: message })])]);
  }
  socket.on('lab:progress', onProgress);
  socket.on('lab:idle', onIdle);
  socket.on('lab:ended', onEnded);

  const showIdle = (note?: HTMLElement) => {
    startButton.hidden = false;
    resetButton.hidden = true;
    versionSelect.disabled = false;
    facts.textContent = '';
    replace(notices, [note]);
  };

  const showReady = (ready: Lab) => {
    startButton.hidden = true;
    resetButton.hidden = false;
    versionSelect.value = ready.version;
    facts.textContent = describeLab(ready);
    if (!options.exam) timer.start(ready.startedAt);
    progress.fold();
    if (!work.firstChild) replace(work, [terminal.element, decisions.element]);
    terminal.attach();
    void decisions.reload();
    options.onReady(ready);
  };

  const showFailed = (failed: Lab) => {
    startButton.hidden = true;
    resetButton.hidden = false;
    replace(notices, [
      errorNotice(
        failed.error ?? {
          message: `The v${failed.version} cluster did not start; the stages above show where it stopped.`,
          fix: 'Press “Reset cluster” to try again, or pick another version.',
        },
      ),
    ]);
  };

  /** Waits out "starting" (progress arrives on the socket meanwhile), then shows the result. */
  const settle = async (answer: Lab) => {
    let current = answer;
    while (current.state === 'starting' && !disposed) {
      await new Promise((r) => window.setTimeout(r, POLL_MS));
      const next = await api.lab();
      if (!next) throw new ApiError('NO_LAB', 'The lab went away while it was starting (deleted from another tab?).', 'Press “Start the lab” again.', 404);
      current = next;
    }
    if (disposed || closed) return;
    lab = current;
    if (current.state === 'ready') showReady(current);
    else showFailed(current);
  };

  /** Runs one lab action with the controls locked; errors end up in the notices. */
  const act = async (action: () => Promise<Lab>) => {
    if (busy) return;
    busy = true;
    startButton.disabled = resetButton.disabled = versionSelect.disabled = true;
    replace(notices, []);
    progress.clear();
    try {
      await settle(await action());
    } catch (e) {
      replace(notices, [errorNotice(e)]);
    } finally {
      busy = false;
      startButton.disabled = resetButton.disabled = versionSelect.disabled = false;
    }
  };

  const start = (version: Version) => act(() => api.startLab(scenario.id, version));

  startButton.addEventListener('click', async () => {
    // One lab per session: starting replaces the other scenario's lab, so ask first.
    if (otherLab && !(await confirmDialog('Replace your running lab?', `Your lab runs another scenario (${otherLab.scenarioId}). Starting this one deletes that cluster and its shell.`, 'Replace it'))) return;
    otherLab = undefined;
    await start(versionSelect.value);
  });

  resetButton.addEventListener('click', async () => {
    const version = lab?.version ?? versionSelect.value;
    const ok = await confirmDialog('Reset the cluster?', `This deletes the cluster and everything you changed in it, and starts a fresh v${version} cluster. Your shell starts over.`, 'Reset');
    if (ok) await act(() => api.resetLab());
  });

  versionSelect.value = scenario.version;
  versionSelect.addEventListener('change', async () => {
    if (!lab) {
      options.onVersion(versionSelect.value);
      return;
    }
    if (lab.version === versionSelect.value) return;
    const target = versionSelect.value;
    const ok = await confirmDialog(`Switch to v${target}?`, `Your v${lab.version} cluster and everything you changed in it are deleted, and a fresh v${target} cluster starts.`, `Switch to v${target}`);
    if (!ok) {
      versionSelect.value = lab.version;
      return;
    }
    await start(target);
  });

  const current = options.current;
  if (otherLab) {
    showIdle(
      h('div', { class: 'notice', attrs: { role: 'status' } }, [
        h('p', { text: `Your lab runs another scenario (${otherLab.scenarioId}, v${otherLab.version}).` }),
        h('p', {}, [h('a', { text: 'Go back to it', attrs: { href: `#/scenarios/${encodeURIComponent(otherLab.scenarioId)}` } }), ', or start this one to replace it.']),
      ]),
    );
  } else if (current) void act(async () => current);
  else showIdle();

  return {
    element,
    run(text) {
      if (lab?.state === 'ready') terminal.run(text);
      else replace(notices, [errorNotice({ message: 'There is no terminal yet.', fix: 'Press “Start the lab” first, then run the command.' })]);
    },
    close,
    dispose() {
      disposed = true;
      socket.off('lab:progress', onProgress);
      socket.off('lab:idle', onIdle);
      socket.off('lab:ended', onEnded);
      timer.stop();
      terminal.dispose();
      decisions.dispose();
    },
  };
}

// The learner's shell: xterm.js wired to the session's pty over socket.io (terminal:attach,
// input, resize, data, exit). Attaching resets the screen first because the server replays the
// scrollback on every attach, so a reload or a reconnect shows the same shell exactly once.

import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { h, replace } from '../dom.js';
import { describeConnectError, type LabSocket } from '../lab-socket.js';
import { errorNotice } from './error-notice.js';
import { fittedTerminal } from './terminal-fit.js';
import { TERMINAL_OPTIONS } from './terminal-theme.js';

export interface TerminalPane {
  element: HTMLElement;
  /** Mounts the terminal (the element must be in the document) and attaches to the shell. */
  attach(): void;
  /** Types `text` at the prompt and presses Enter, as if the learner had pasted it. */
  run(text: string): void;
  /** The shell is gone for good (an exam that ended): keep the screen, take no more input. */
  close(message: string): void;
  dispose(): void;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Focuses the first focusable element after (or before) `container`, outside it. */
function focusBeside(container: HTMLElement, direction: 1 | -1): void {
  const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  const outside = all.filter((el) => !container.contains(el));
  const after = (el: HTMLElement) => (container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const target = direction === 1 ? outside.find(after) : outside.filter((el) => !after(el)).at(-1);
  target?.focus();
}

export function terminalPane(socket: LabSocket): TerminalPane {
  const status = h('p', { class: 'terminal-status', attrs: { role: 'status' } });
  const notices = h('div', { class: 'terminal-notices' });
  const screen = h('div', { class: 'terminal-screen' });
  const readerToggle = h('input', { attrs: { type: 'checkbox', id: 'terminal-reader-mode' } });
  const element = h('section', { class: 'terminal-pane', attrs: { 'aria-labelledby': 'terminal-heading' } }, [
    h('div', { class: 'pane-header' }, [
      h('h2', { text: 'Terminal', attrs: { id: 'terminal-heading' } }),
      status,
      h('span', { class: 'terminal-hint', text: 'F6 / Shift+F6 leave the terminal' }),
      h('label', { class: 'toggle' }, [readerToggle, ' Screen reader mode']),
    ]),
    notices,
    screen,
  ]);

  const term = new Terminal({ ...TERMINAL_OPTIONS, cursorBlink: true });
  const fitted = fittedTerminal(term);
  term.loadAddon(new WebLinksAddon());

  const setStatus = (text: string) => {
    status.textContent = text;
  };
  let attached = false;
  let closed = false;
  const attachShell = () => {
    if (closed) return;
    replace(notices, []);
    term.reset();
    socket.emit('terminal:attach', { cols: term.cols, rows: term.rows });
    attached = true;
    setStatus('Connected');
  };

  const onData = (data: string) => term.write(data);
  const onExit = ({ code }: { code: number }) => {
    if (closed) return;
    setStatus(`Shell exited with code ${code}`);
    replace(notices, [
      h('div', { class: 'notice', attrs: { role: 'alert' } }, [
        h('p', { text: `The shell exited (code ${code}).` }),
        h('button', { class: 'button', text: 'Open a new shell', attrs: { type: 'button' }, on: { click: attachShell } }),
      ]),
    ]);
  };
  const onConnect = () => {
    if (attached) attachShell();
  };
  const onDisconnect = () => {
    if (!closed) setStatus('Disconnected, reconnecting…');
  };
  const onConnectError = (error: Error) => {
    if (closed) return;
    setStatus('Not connected');
    replace(notices, [errorNotice(describeConnectError(error))]);
  };
  socket.on('terminal:data', onData);
  socket.on('terminal:exit', onExit);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);

  // Tab belongs to the shell (completion), so F6, the usual "next pane" key, moves focus out.
  term.attachCustomKeyEventHandler((event) => {
    if (event.key !== 'F6') return true;
    if (event.type === 'keydown') {
      event.preventDefault();
      focusBeside(screen, event.shiftKey ? -1 : 1);
    }
    return false;
  });
  const input = term.onData((data) => socket.emit('terminal:input', data));
  const resize = term.onResize((size) => socket.emit('terminal:resize', size));
  readerToggle.addEventListener('change', () => {
    term.options.screenReaderMode = readerToggle.checked;
  });

  return {
    element,
    attach() {
      fitted.mount(screen);
      if (socket.connected) attachShell();
      else {
        attached = true;
        setStatus('Connecting…');
      }
    },
    run(text) {
      if (closed) return;
      const body = text.replace(/\n+$/, '');
      // Typed rather than pasted: bash then shows each line as typed (readline highlights pasted
      // text and redraws long pastes badly). Typed, a tab would ask for completion, so text with
      // tabs goes in as a paste.
      if (body.includes('\t')) term.paste(body);
      else socket.emit('terminal:input', body.replace(/\n/g, '\r'));
      socket.emit('terminal:input', '\r');
      term.focus();
    },
    close(message) {
      closed = true;
      attached = false;
      term.options.disableStdin = true;
      term.options.cursorBlink = false;
      element.classList.add('terminal-closed');
      setStatus('Closed');
      replace(notices, [h('div', { class: 'notice', attrs: { role: 'status' } }, [h('p', { text: message })])]);
    },
    dispose() {
      fitted.dispose();
      input.dispose();
      resize.dispose();
      socket.off('terminal:data', onData);
      socket.off('terminal:exit', onExit);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      term.dispose();
    },
  };
}

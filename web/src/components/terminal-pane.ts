// The learner's shell: xterm.js wired to the session's pty over socket.io (terminal:attach,
// input, resize, data, exit). Attaching resets the screen first because the server replays the
// scrollback on every attach, so a reload or a reconnect shows the same shell exactly once.

import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { h, replace } from '../dom.js';
import { describeConnectError, type LabSocket } from '../lab-socket.js';
import { errorNotice } from './error-notice.js';

export interface TerminalPane {
  element: HTMLElement;
  /** Mounts the terminal (the element must be in the document) and attaches to the shell. */
  attach(): void;
  /** Types `text` at the prompt and presses Enter, as if the learner had pasted it. */
  run(text: string): void;
  dispose(): void;
}

// GitHub's dark palette, with black lifted so that even "black" text keeps 4.5:1 on the background.
const THEME = {
  background: '#0d1117',
  foreground: '#e6edf3',
  cursor: '#e6edf3',
  selectionBackground: '#264f78',
  black: '#7d8590',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#d2a8ff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#56d4dd',
  brightWhite: '#ffffff',
};

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

  const term = new Terminal({
    cursorBlink: true,
    fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: THEME,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());

  const setStatus = (text: string) => {
    status.textContent = text;
  };
  let attached = false;
  const attachShell = () => {
    replace(notices, []);
    term.reset();
    socket.emit('terminal:attach', { cols: term.cols, rows: term.rows });
    attached = true;
    setStatus('Connected');
  };

  const onData = (data: string) => term.write(data);
  const onExit = ({ code }: { code: number }) => {
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
  const onDisconnect = () => setStatus('Disconnected, reconnecting…');
  const onConnectError = (error: Error) => {
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

  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => fit.fit());
  });

  return {
    element,
    attach() {
      if (!screen.firstChild) {
        term.open(screen);
        fit.fit();
        observer.observe(screen);
      }
      if (socket.connected) attachShell();
      else {
        attached = true;
        setStatus('Connecting…');
      }
    },
    run(text) {
      const body = text.replace(/\n+$/, '');
      // Typed rather than pasted: bash then shows each line as typed (readline highlights pasted
      // text and redraws long pastes badly). Typed, a tab would ask for completion, so text with
      // tabs goes in as a paste.
      if (body.includes('\t')) term.paste(body);
      else socket.emit('terminal:input', body.replace(/\n/g, '\r'));
      socket.emit('terminal:input', '\r');
      term.focus();
    },
    dispose() {
      observer.disconnect();
      cancelAnimationFrame(frame);
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

// A learner's shell, read-only, for the instructor (terminal:watch on /instructor): the server
// sends the scrollback first, then live output; keys typed here go nowhere (disableStdin, and
// the server forwards no instructor input anyway). Every (re)connect starts a fresh screen,
// because the server replays the scrollback on every watch.

import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { WatchedTerminalData } from '../contract.js';
import { h } from '../dom.js';
import type { InstructorSocket } from '../instructor-socket.js';
import { fittedTerminal } from './terminal-fit.js';
import { TERMINAL_OPTIONS } from './terminal-theme.js';

export interface WatchTerminal {
  element: HTMLElement;
  /** Mounts the terminal (the element must be in the document) and starts watching. */
  attach(): void;
  dispose(): void;
}

export function watchTerminal(socket: InstructorSocket, learnerId: string, learnerName: string): WatchTerminal {
  const status = h('p', { class: 'terminal-status', attrs: { role: 'status' } });
  const waiting = h('p', { class: 'watch-waiting', text: 'Nothing to show yet: the learner’s shell appears here once they start a lab.' });
  const screen = h('div', { class: 'terminal-screen' });
  const heading = h('h2', { attrs: { id: 'watch-heading' } }, ['Terminal of ', h('span', { text: learnerName })]);
  const element = h('section', { class: 'terminal-pane watch-terminal', attrs: { 'aria-labelledby': 'watch-heading' } }, [
    h('div', { class: 'pane-header' }, [heading, status, h('span', { class: 'pill pill-readonly', text: 'read-only' })]),
    waiting,
    screen,
  ]);
  const term = new Terminal({ ...TERMINAL_OPTIONS, disableStdin: true, cursorBlink: false, cursorStyle: 'underline' });
  const fitted = fittedTerminal(term);

  const watch = () => {
    term.reset();
    socket.emit('terminal:watch', { learnerId });
    status.textContent = 'Watching';
  };
  const onData = (chunk: WatchedTerminalData) => {
    if (chunk.learnerId !== learnerId) return;
    waiting.hidden = true;
    term.write(chunk.data);
  };
  const onDisconnect = () => (status.textContent = 'Disconnected, reconnecting…');
  socket.on('terminal:data', onData);
  socket.on('connect', watch);
  socket.on('disconnect', onDisconnect);

  return {
    element,
    attach() {
      fitted.mount(screen);
      if (socket.connected) watch();
      else status.textContent = 'Connecting…';
    },
    dispose() {
      fitted.dispose();
      if (socket.connected) socket.emit('terminal:unwatch', { learnerId });
      socket.off('terminal:data', onData);
      socket.off('connect', watch);
      socket.off('disconnect', onDisconnect);
      term.dispose();
    },
  };
}

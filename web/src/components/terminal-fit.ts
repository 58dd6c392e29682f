// Mounting an xterm.js terminal into its screen element and keeping it sized to it: the fit is
// redone on every resize of the element, at most once a frame.

import { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';

export interface FittedTerminal {
  /** Opens the terminal in `screen` (the first time only; it must be in the document) and fits it. */
  mount(screen: HTMLElement): void;
  dispose(): void;
}

export function fittedTerminal(term: Terminal): FittedTerminal {
  const fit = new FitAddon();
  term.loadAddon(fit);
  let frame = 0;
  let mounted = false;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => fit.fit());
  });
  return {
    mount(screen) {
      if (mounted) return;
      mounted = true;
      term.open(screen);
      fit.fit();
      observer.observe(screen);
    },
    dispose() {
      observer.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}

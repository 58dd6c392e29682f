// Time spent in the lab, counted from the lab's start (the server's clock), so a reload keeps it.

import { h } from '../dom.js';

export interface LabTimer {
  element: HTMLElement;
  start(startedAt: string): void;
  stop(): void;
}

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

export function labTimer(): LabTimer {
  const clock = h('span', { class: 'timer-value', text: '00:00' });
  // role=timer is not announced every second (its implicit aria-live is off).
  const element = h('span', { class: 'timer', attrs: { role: 'timer', 'aria-label': 'Time in this lab', hidden: true } }, [
    h('span', { class: 'timer-label', text: 'Time', attrs: { 'aria-hidden': 'true' } }),
    clock,
  ]);
  let interval: number | undefined;

  const stop = () => {
    if (interval !== undefined) window.clearInterval(interval);
    interval = undefined;
  };
  return {
    element,
    start(startedAt) {
      stop();
      const since = Date.parse(startedAt);
      if (Number.isNaN(since)) return;
      const tick = () => {
        clock.textContent = formatElapsed(Date.now() - since);
      };
      tick();
      element.hidden = false;
      interval = window.setInterval(tick, 1000);
    },
    stop,
  };
}

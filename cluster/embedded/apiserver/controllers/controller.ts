// Controllers react to store events after the write that caused them has been answered
// (a microtask later), as kube-controller-manager reacts to watch events.

import type { ObjectStore, WatchEvent } from '../storage/store.js';

export interface Controller {
  /** Called for every stored change; do the follow-up writes here. */
  onEvent(event: WatchEvent): void;
}

export function runControllers(store: ObjectStore, controllers: Controller[]): () => void {
  return store.subscribe((event) => {
    queueMicrotask(() => {
      for (const c of controllers) c.onEvent(event);
    });
  });
}

// One controller sync, contained: an API error ends it (the next event for the object retries,
// as the workqueue's requeue would); anything else is a bug, reported on stderr and not
// rethrown, so the other controllers and the API server keep running.

import { ApiError } from '../status.js';

export function runSafely(what: string, work: () => void): void {
  try {
    work();
  } catch (e) {
    if (e instanceof ApiError) return;
    console.error(`kubelab controller: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

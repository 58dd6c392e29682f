// Watch streams (`?watch=true`, `kubectl get -w`): newline-delimited JSON events over a chunked
// response, starting with the current state (or the events since a resourceVersion), optionally
// as one-row Tables, ended by timeoutSeconds or the client. Where the WatchList gate is on, a
// watch with sendInitialEvents=true (client-go's streaming list, used by kubectl 1.35's
// reflectors) gets the current state, then the BOOKMARK that marks its end.

import type { ServerResponse } from 'node:http';
import type { KubeObject } from './types.js';
import type { ResourceRequest } from './registry/generic.js';
import { apiVersionOf } from './registry/generic.js';
import { resourceKey, ResourceVersionTooOldError, type ObjectStore, type WatchEvent } from './storage/store.js';
import { toTable, type TableVersion } from './printers/table.js';
import { tableOptionsFor } from './table-options.js';
import { ApiError } from './status.js';
import { listOptionsOf, validateListOptions } from './registry/list-options.js';

export interface WatchOptions {
  table: { version: TableVersion } | undefined;
  now(): Date;
  /** The API server's WatchList feature gate. */
  watchList: boolean;
}

/** The annotation on the bookmark that ends a watch's initial events (metav1.InitialEventsAnnotationKey). */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

export function serveWatch(
  r: ResourceRequest,
  res: ServerResponse,
  store: ObjectStore,
  matches: (obj: KubeObject) => boolean,
  opts: WatchOptions,
): void {
  const options = listOptionsOf(r.query, true);
  validateListOptions(options, opts.watchList);
  const resource = resourceKey(r.def.group, r.def.plural);
  const rv = options.resourceVersion;
  const currentState = (): WatchEvent[] => store.list(resource).map((object) => ({ type: 'ADDED' as const, resource, object }));
  let initial: WatchEvent[];
  if (options.sendInitialEvents !== undefined) {
    // NotOlderThan: the state now is never older than the resourceVersion asked for.
    initial = options.sendInitialEvents ? currentState() : [];
  } else if (rv && rv !== '0') {
    try {
      initial = store.eventsSince(Number(rv)).filter((e) => e.resource === resource);
    } catch (e) {
      if (!(e instanceof ResourceVersionTooOldError)) throw e;
      throw new ApiError(410, 'Expired', `too old resource version: ${rv} (${store.currentRevision})`);
    }
  } else {
    initial = currentState();
  }

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let first = true;
  const write = (e: WatchEvent) => {
    if (e.resource !== resource || !matches(e.object)) return;
    let object: unknown = { apiVersion: apiVersionOf(r.def), kind: r.def.kind, ...e.object };
    if (opts.table) {
      const table = toTable(r.def.plural, r.def.group, [e.object], tableOptionsFor(r, opts.table.version, opts.now(), { list: false }));
      // Only the first event of a Table watch carries the column definitions.
      if (!first) table.columnDefinitions = [];
      object = table;
    }
    first = false;
    res.write(JSON.stringify({ type: e.type, object }) + '\n');
  };
  for (const e of initial) write(e);
  if (options.sendInitialEvents && r.query.get('allowWatchBookmarks') === 'true') {
    const metadata = { resourceVersion: store.currentRevision, annotations: { [INITIAL_EVENTS_END_ANNOTATION]: 'true' } };
    res.write(JSON.stringify({ type: 'BOOKMARK', object: { kind: r.def.kind, apiVersion: apiVersionOf(r.def), metadata } }) + '\n');
  }
  const unsubscribe = store.subscribe(write);
  const timeoutSeconds = Number(r.query.get('timeoutSeconds') ?? '0');
  const timer = timeoutSeconds > 0 ? setTimeout(() => res.end(), timeoutSeconds * 1000) : undefined;
  const stop = () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
  res.on('close', stop);
  r.req.on('close', stop);
}

// `kubectl get events`: printEvent. Default columns LAST SEEN, TYPE, REASON, OBJECT, MESSAGE;
// -o wide adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME. core/v1 and events.k8s.io/v1
// Events share one storage and one printer upstream; the latter is read through the fields
// it renames (regarding, note, deprecated*).

import type { KubeObject } from '../types.js';
import { event as doc, objectMeta } from './descriptions.js';
import { parseTimestamp, translateTimestampSince } from './human-duration.js';
import type { PrintedRow, PrinterOptions, ResourcePrinter } from './printer.js';
import { column, nameOf, wideColumn } from './printer.js';

/** The core/v1 Event fields the printer reads. */
interface CoreEvent {
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

interface EventsV1Event {
  regarding?: CoreEvent['involvedObject'];
  note?: string;
  reason?: string;
  type?: string;
  deprecatedSource?: CoreEvent['source'];
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
  eventTime?: string | null;
  series?: CoreEvent['series'];
  reportingController?: string;
  reportingInstance?: string;
}

const columns = [
  column('Last Seen', 'string', doc.lastTimestamp),
  column('Type', 'string', doc.type),
  column('Reason', 'string', doc.reason),
  column('Object', 'string', doc.involvedObject),
  wideColumn('Subobject', 'string', doc.fieldPath),
  wideColumn('Source', 'string', doc.source),
  column('Message', 'string', doc.message),
  wideColumn('First Seen', 'string', doc.firstTimestamp),
  wideColumn('Count', 'string', doc.count),
  column('Name', 'string', objectMeta.name, { format: 'name', priority: 1 }),
];

export const coreEventPrinter: ResourcePrinter = {
  source: 'printer',
  columns,
  printRow: (obj, options) => printEvent(obj, obj as CoreEvent, options),
};

export const eventsV1Printer: ResourcePrinter = {
  source: 'printer',
  columns,
  printRow: (obj, options) => printEvent(obj, fromEventsV1(obj as EventsV1Event), options),
};

function fromEventsV1(e: EventsV1Event): CoreEvent {
  return {
    involvedObject: e.regarding,
    reason: e.reason,
    message: e.note,
    type: e.type,
    source: e.deprecatedSource,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
    eventTime: e.eventTime,
    series: e.series,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
  };
}

/** "component, host", falling back to the reporting controller/instance of new-style events. */
function formatSource(e: CoreEvent): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

function isSet(timestamp: string | null | undefined): boolean {
  return parseTimestamp(timestamp) !== undefined;
}

function printEvent(obj: KubeObject, e: CoreEvent, { now }: PrinterOptions): PrintedRow {
  // Events of the new API have no first/last timestamps: eventTime stands in for both.
  const firstSeen = translateTimestampSince(isSet(e.firstTimestamp) ? e.firstTimestamp : e.eventTime, now);
  let lastSeen = isSet(e.lastTimestamp) ? translateTimestampSince(e.lastTimestamp, now) : firstSeen;
  let count = e.count ?? 0;
  if (e.series) {
    lastSeen = translateTimestampSince(e.series.lastObservedTime, now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events of the new API carry no count
  }

  const kind = (e.involvedObject?.kind ?? '').toLowerCase();
  const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
  return {
    cells: [
      lastSeen,
      e.type ?? '',
      e.reason ?? '',
      target,
      e.involvedObject?.fieldPath ?? '',
      formatSource(e),
      (e.message ?? '').trim(),
      firstSeen,
      count,
      nameOf(obj),
    ],
  };
}

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { coreEventPrinter, eventsV1Printer } from './event-printer.js';
import { NOW } from './testdata/kind-cluster.js';

const now = NOW;
const secondsAgo = (n: number): string => new Date(now.getTime() - n * 1000).toISOString().replace('.000Z', 'Z');

function coreEvent(fields: object): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'crashy.17f2a1b2c3d4e5f6', namespace: 'default', creationTimestamp: secondsAgo(540) },
    ...fields,
  };
}

const backOff = coreEvent({
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'crashy', fieldPath: 'spec.containers{app}' },
  reason: 'BackOff',
  message: 'Back-off restarting failed container app in pod crashy_default(uid-crashy)\n',
  type: 'Warning',
  source: { component: 'kubelet', host: 'kind-control-plane' },
  firstTimestamp: secondsAgo(500),
  lastTimestamp: secondsAgo(12),
  count: 41,
});

describe('events', () => {
  it('has LAST SEEN TYPE REASON OBJECT MESSAGE, and wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME', () => {
    expect(coreEventPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Last Seen', 0],
      ['Type', 0],
      ['Reason', 0],
      ['Object', 0],
      ['Subobject', 1],
      ['Source', 1],
      ['Message', 0],
      ['First Seen', 1],
      ['Count', 1],
      ['Name', 1],
    ]);
  });

  it('prints a kubelet event with its count and trimmed message', () => {
    expect(coreEventPrinter.printRow(backOff, { now }).cells).toEqual([
      '12s',
      'Warning',
      'BackOff',
      'pod/crashy',
      'spec.containers{app}',
      'kubelet, kind-control-plane',
      'Back-off restarting failed container app in pod crashy_default(uid-crashy)',
      '8m20s',
      41,
      'crashy.17f2a1b2c3d4e5f6',
    ]);
  });

  it('reads a new-style event: eventTime for both ages, series for last seen and count, reporting controller as source', () => {
    const scheduled = coreEvent({
      involvedObject: { kind: 'Pod', name: 'crashy' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/crashy to kind-control-plane',
      type: 'Normal',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: '2026-03-01T10:16:18.123456Z',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-kind-control-plane',
    });
    expect(coreEventPrinter.printRow(scheduled, { now }).cells).toEqual([
      '9m11s',
      'Normal',
      'Scheduled',
      'pod/crashy',
      '',
      'default-scheduler, default-scheduler-kind-control-plane',
      'Successfully assigned default/crashy to kind-control-plane',
      '9m11s',
      1,
      'crashy.17f2a1b2c3d4e5f6',
    ]);
    const series = coreEvent({ ...scheduled, series: { count: 7, lastObservedTime: '2026-03-01T10:25:00.000000Z' } });
    const cells = coreEventPrinter.printRow(series, { now }).cells;
    expect([cells[0], cells[8]]).toEqual(['30s', 7]);
  });

  it('prints the kind alone for an object without a name', () => {
    const nodeEvent = coreEvent({ involvedObject: { kind: 'Node' }, reason: 'RegisteredNode', count: 1, lastTimestamp: secondsAgo(5) });
    expect(coreEventPrinter.printRow(nodeEvent, { now }).cells.slice(0, 4)).toEqual(['5s', '', 'RegisteredNode', 'node']);
  });

  it('prints an events.k8s.io/v1 Event like the core one it is stored as', () => {
    const v1: KubeObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: backOff.metadata,
      regarding: backOff.involvedObject,
      note: backOff.message,
      reason: backOff.reason,
      type: backOff.type,
      deprecatedSource: backOff.source,
      deprecatedFirstTimestamp: backOff.firstTimestamp,
      deprecatedLastTimestamp: backOff.lastTimestamp,
      deprecatedCount: backOff.count,
    };
    expect(eventsV1Printer.printRow(v1, { now })).toEqual(coreEventPrinter.printRow(backOff, { now }));
  });
});

// events.k8s.io/v1 Event: the newer event shape, stored together with core v1 Events.

import type { TypeDef } from '../schema-dsl.js';
import { META, field, int32, kindType, ref, string } from '../schema-dsl.js';
import { CORE } from './core.js';

export const eventsTypes: readonly TypeDef[] = [
  kindType(
    { group: 'events.k8s.io', version: 'v1', kind: 'Event' },
    'io.k8s.api.events.v1.Event',
    'A report of something that happened to an object. The same events are also visible as core v1 Events, ' +
      'with different field names.',
    {
      eventTime: field('When the event first occurred, with microseconds.', ref(`${META}MicroTime`), {
        required: true,
      }),
      regarding: field('The object the event is about.', ref(`${CORE}ObjectReference`)),
      related: field('A second object involved, if any.', ref(`${CORE}ObjectReference`)),
      reason: field('Short CamelCase reason, e.g. FailedScheduling.', string),
      note: field('Human-readable description.', string),
      type: field('Normal or Warning.', string),
      action: field('What the reporting controller did or failed to do.', string),
      reportingController: field('Controller that emitted the event, e.g. kubernetes.io/kubelet.', string),
      reportingInstance: field('Instance of that controller.', string),
      deprecatedCount: field('Occurrence count carried over from core v1 Events.', int32),
    },
  ),
];

import { describe, expect, it } from 'vitest';
import type { KubeObject, ResourceDef } from '../../types.js';
import { ApiError } from '../../status.js';
import { parseFieldSelector } from '../selectors.js';
import { fieldSelectorsFor } from './index.js';

const def = (group: string): ResourceDef => ({ group, version: 'v1', kind: 'Event', plural: 'events', singular: 'event', namespaced: true, verbs: ['list'], storage: 'stored' });
const CORE = def('');
const EVENTS_V1 = def('events.k8s.io');

const kubeletEvent: KubeObject = {
  metadata: { name: 'web.18ec8016992276a8', namespace: 'dev' },
  involvedObject: { kind: 'Pod', namespace: 'dev', name: 'web', uid: 'uid-web', apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
  reason: 'Pulling',
  source: { component: 'kubelet', host: 'kind-worker' },
  type: 'Normal',
  reportingComponent: 'kubelet',
};
const schedulerEvent: KubeObject = {
  metadata: { name: 'web.18ec8016987db43d', namespace: 'dev' },
  involvedObject: { kind: 'Pod', namespace: 'dev', name: 'web', uid: 'uid-web', apiVersion: 'v1' },
  reason: 'Scheduled',
  source: {},
  type: 'Normal',
  reportingComponent: 'default-scheduler',
};

const selects = (d: ResourceDef, selector: string, objects: KubeObject[]) => objects.filter(parseFieldSelector(selector, fieldSelectorsFor(d))).map((o) => o.metadata.name);

describe('core/v1 event field selectors', () => {
  it('select by "source": the component, else the reporting controller of a new-style event', () => {
    expect(selects(CORE, 'source=kubelet', [kubeletEvent, schedulerEvent])).toEqual([kubeletEvent.metadata.name]);
    expect(selects(CORE, 'source=default-scheduler', [kubeletEvent, schedulerEvent])).toEqual([schedulerEvent.metadata.name]);
  });

  it('select what kubectl describe asks for: the involved object\'s name, namespace, kind and uid', () => {
    const selector = 'involvedObject.name=web,involvedObject.namespace=dev,involvedObject.kind=Pod,involvedObject.uid=uid-web';
    expect(selects(CORE, selector, [kubeletEvent, schedulerEvent])).toHaveLength(2);
    expect(selects(CORE, 'involvedObject.fieldPath=spec.containers{app},type!=Warning', [kubeletEvent, schedulerEvent])).toEqual([kubeletEvent.metadata.name]);
  });
});

describe('events.k8s.io/v1 event field selectors', () => {
  const v1Event: KubeObject = { metadata: { name: 'web.1', namespace: 'dev' }, regarding: { kind: 'Pod', name: 'web' }, reason: 'Scheduled', reportingController: 'default-scheduler', type: 'Normal' };

  it('use the new API\'s names: regarding.*, reportingController, and still source', () => {
    expect(selects(EVENTS_V1, 'regarding.name=web,regarding.kind=Pod,reportingController=default-scheduler', [v1Event])).toEqual(['web.1']);
    expect(selects(EVENTS_V1, 'source=default-scheduler', [v1Event])).toEqual(['web.1']);
  });

  it('refuse the core names', () => {
    expect(() => parseFieldSelector('involvedObject.name=web', fieldSelectorsFor(EVENTS_V1))).toThrow(ApiError);
    expect(() => parseFieldSelector('involvedObject.name=web', fieldSelectorsFor(EVENTS_V1))).toThrow('field label not supported: involvedObject.name');
  });
});

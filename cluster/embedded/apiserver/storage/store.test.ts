import { describe, expect, it } from 'vitest';
import { ObjectStore, resourceKey, type WatchEvent } from './store.js';

const CONFIGMAPS = resourceKey('', 'configmaps');
const NAMESPACES = resourceKey('', 'namespaces');

function populated(): ObjectStore {
  const store = new ObjectStore(() => new Date('2026-01-02T03:04:05Z'));
  store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  const cm = store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a' }, data: { mode: 'debug' } });
  store.update(CONFIGMAPS, { ...cm, data: { mode: 'trace' } });
  store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gone', namespace: 'team-a' } });
  store.delete(CONFIGMAPS, 'team-a', 'gone');
  return store;
}

describe('ObjectStore snapshot and restore', () => {
  it('brings back every object with its uid, resourceVersion and creationTimestamp, through JSON', () => {
    const original = populated();
    const restored = new ObjectStore();
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())));
    for (const resource of [NAMESPACES, CONFIGMAPS]) expect(restored.list(resource)).toEqual(original.list(resource));
    expect(restored.get(CONFIGMAPS, 'team-a', 'settings')?.data).toEqual({ mode: 'trace' });
    expect(restored.get(CONFIGMAPS, 'team-a', 'gone')).toBeUndefined();
  });

  it('goes on counting from the saved revision: the next write is newer than anything restored', () => {
    const original = populated();
    const restored = new ObjectStore();
    restored.restore(original.snapshot());
    expect(restored.currentRevision).toBe(original.currentRevision);
    const next = restored.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new', namespace: 'team-a' } });
    expect(Number(next.metadata.resourceVersion)).toBe(Number(original.currentRevision) + 1);
  });

  it('resync tells subscribers about every object of the resources asked for as ADDED, without writing anything', () => {
    const restored = new ObjectStore();
    restored.restore(populated().snapshot());
    const heard: WatchEvent[] = [];
    restored.subscribe((e) => heard.push(e));
    const revision = restored.currentRevision;
    restored.resync([NAMESPACES, CONFIGMAPS]);
    expect(heard.map((e) => `${e.type} ${e.resource} ${e.object.metadata.name}`).sort()).toEqual(['ADDED /configmaps settings', 'ADDED /namespaces team-a']);
    heard.length = 0;
    restored.resync([NAMESPACES]);
    expect(heard.map((e) => `${e.type} ${e.resource} ${e.object.metadata.name}`)).toEqual(['ADDED /namespaces team-a']);
    expect(restored.currentRevision).toBe(revision);
    // Nothing new happened: a watch resuming from the current revision gets no events.
    expect(restored.eventsSince(Number(revision))).toEqual([]);
  });
});

// In-memory object storage with a cluster-wide resourceVersion, as etcd gives kube-apiserver.
// Objects are never mutated in place: a write stores a new object, so readers may hold and
// serialize what they got without copying.

import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  resource: string;
  object: KubeObject;
}

export type WatchListener = (event: WatchEvent) => void;

/** What `snapshot` returns and `restore` takes: the revision counter and every object, by resource key. */
export interface StoreSnapshot {
  revision: number;
  resources: Record<string, KubeObject[]>;
}

/** Identifies a stored resource type: "<group>/<plural>" ("" group for core). */
export function resourceKey(group: string, plural: string): string {
  return `${group}/${plural}`;
}

function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Past events kept for watches that resume from an older resourceVersion. */
const EVENT_HISTORY = 1000;

export class ResourceVersionTooOldError extends Error {
  constructor(readonly requested: number) {
    super(`too old resource version: ${requested}`);
  }
}

export class ObjectStore {
  private revision = 0;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly listCache = new Map<string, KubeObject[]>();
  private readonly history: { rv: number; event: WatchEvent }[] = [];
  private readonly listeners = new Set<WatchListener>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  get currentRevision(): string {
    return String(this.revision);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(resource)?.get(objectKey(namespace, name));
  }

  /** All objects of a resource (optionally of one namespace), sorted by namespace then name. */
  list(resource: string, namespace?: string): readonly KubeObject[] {
    let all = this.listCache.get(resource);
    if (!all) {
      all = [...(this.tables.get(resource)?.values() ?? [])].sort(compareObjects);
      this.listCache.set(resource, all);
    }
    return namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
  }

  /** Stores a new object, assigning uid, resourceVersion and creationTimestamp. */
  create(resource: string, object: KubeObject): KubeObject {
    const name = object.metadata.name ?? '';
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: object.metadata.uid ?? randomUUID(),
        resourceVersion: this.nextRevision(),
        creationTimestamp: object.metadata.creationTimestamp ?? formatTime(this.clock()),
      },
    };
    this.table(resource).set(objectKey(object.metadata.namespace, name), stored);
    this.emit({ type: 'ADDED', resource, object: stored });
    return stored;
  }

  /** Replaces an existing object, bumping its resourceVersion. */
  update(resource: string, object: KubeObject): KubeObject {
    const stored: KubeObject = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: this.nextRevision() },
    };
    this.table(resource).set(objectKey(object.metadata.namespace, object.metadata.name ?? ''), stored);
    this.emit({ type: 'MODIFIED', resource, object: stored });
    return stored;
  }

  delete(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const table = this.tables.get(resource);
    const key = objectKey(namespace, name);
    const existing = table?.get(key);
    if (!table || !existing) return undefined;
    table.delete(key);
    const deleted: KubeObject = {
      ...existing,
      metadata: { ...existing.metadata, resourceVersion: this.nextRevision() },
    };
    this.emit({ type: 'DELETED', resource, object: deleted });
    return deleted;
  }

  /** Every change from now on; returns the unsubscribe function. */
  subscribe(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `resourceVersion`, for a watch that resumes; throws when they are gone. */
  eventsSince(resourceVersion: number): WatchEvent[] {
    const oldest = this.history[0];
    if (resourceVersion < this.revision && oldest && oldest.rv > resourceVersion + 1) {
      throw new ResourceVersionTooOldError(resourceVersion);
    }
    return this.history.filter((h) => h.rv > resourceVersion).map((h) => h.event);
  }

  /**
   * Everything stored, as plain JSON-serialisable data (objects are shared, not copied: they are
   * never mutated). With `restore`, a cluster comes back with the same uids and resourceVersions.
   */
  snapshot(): StoreSnapshot {
    const resources: Record<string, KubeObject[]> = {};
    for (const [key, table] of this.tables) if (table.size > 0) resources[key] = [...table.values()];
    return { revision: this.revision, resources };
  }

  /**
   * Replaces everything stored with a snapshot; the next write gets resourceVersion revision+1.
   * Watch history starts empty, as after an API server restart. Subscribers hear nothing: call
   * `resync` once they are in place.
   */
  restore(data: StoreSnapshot): void {
    this.tables.clear();
    this.listCache.clear();
    this.history.length = 0;
    this.revision = data.revision;
    for (const [key, objects] of Object.entries(data.resources)) {
      const table = this.table(key);
      for (const o of objects) table.set(objectKey(o.metadata.namespace, o.metadata.name ?? ''), o);
    }
  }

  /**
   * Tells every subscriber about every stored object of these resources as ADDED, as an
   * informer's initial list does when a controller (re)starts, so work under way at snapshot time
   * is picked up. Revision and watch history stay as they are.
   */
  resync(resources: readonly string[]): void {
    for (const resource of resources) {
      for (const object of this.tables.get(resource)?.values() ?? []) {
        for (const listener of this.listeners) listener({ type: 'ADDED', resource, object });
      }
    }
  }

  private table(resource: string): Map<string, KubeObject> {
    let table = this.tables.get(resource);
    if (!table) {
      table = new Map();
      this.tables.set(resource, table);
    }
    return table;
  }

  private nextRevision(): string {
    this.revision += 1;
    return String(this.revision);
  }

  private emit(event: WatchEvent): void {
    this.listCache.delete(event.resource);
    this.history.push({ rv: this.revision, event });
    if (this.history.length > EVENT_HISTORY) this.history.shift();
    for (const listener of this.listeners) listener(event);
  }
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name ?? '';
  const b1 = b.metadata.name ?? '';
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

/** RFC 3339 with second precision, as metav1.Time marshals. */
export function formatTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// A local copy of a kind cluster's RBAC objects (roles, bindings, cluster roles and cluster role
// bindings), kept current by `kubectl get --watch`, in the same ObjectStore shape the embedded
// runtime has: the lab's access matrix reads RBAC synchronously from `cluster.store`.

import { spawn, type ChildProcess } from 'node:child_process';
import { ObjectStore, resourceKey } from '../embedded/apiserver/storage/store.js';
import type { KubeObject } from '../embedded/apiserver/types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const MIRRORED = ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'] as const;

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | string;
  object: KubeObject;
}

/** The argv of the kubectl watch for one resource (each resource needs its own: kubectl watches one type). */
export function watchArgs(kubeconfig: string, plural: string): string[] {
  return ['--kubeconfig', kubeconfig, 'get', `${plural}.${RBAC_GROUP}`, '--all-namespaces', '--watch', '--output-watch-events', '-o', 'json'];
}

export class RbacMirror {
  readonly store = new ObjectStore();
  private readonly children = new Set<ChildProcess>();
  private stopped = false;

  constructor(
    private readonly kubectl: string,
    private readonly kubeconfig: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly retryMs = 2000,
  ) {}

  start(): this {
    for (const plural of MIRRORED) this.watch(plural);
    return this;
  }

  stop(): void {
    this.stopped = true;
    for (const child of this.children) child.kill('SIGTERM');
    this.children.clear();
  }

  /** Applies one watch event to the store (exported through the class for tests of the mapping). */
  apply(plural: string, event: WatchEvent): void {
    const resource = resourceKey(RBAC_GROUP, plural);
    const { namespace, name = '' } = event.object.metadata;
    if (event.type === 'DELETED') this.store.delete(resource, namespace, name);
    else if (this.store.get(resource, namespace, name)) this.store.update(resource, event.object);
    else this.store.create(resource, event.object);
  }

  private watch(plural: string): void {
    if (this.stopped) return;
    const child = spawn(this.kubectl, watchArgs(this.kubeconfig, plural), { env: this.env, stdio: ['ignore', 'pipe', 'ignore'] });
    this.children.add(child);
    const split = jsonObjectSplitter((text) => {
      try {
        const event = JSON.parse(text) as WatchEvent;
        if (event.object?.metadata) this.apply(plural, event);
      } catch {
        // not an event: ignore
      }
    });
    child.stdout.on('data', (chunk: Buffer) => split(chunk.toString('utf8')));
    child.on('error', () => {}); // reported by 'close'
    child.on('close', () => {
      this.children.delete(child);
      // A watch ends when the API server closes it (every 30-60 min): list and watch again.
      if (!this.stopped) setTimeout(() => this.watch(plural), this.retryMs).unref();
    });
  }
}

/** Splits a stream of concatenated (pretty-printed) JSON objects into one string per object. */
export function jsonObjectSplitter(onObject: (text: string) => void): (chunk: string) => void {
  let buffer = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  return (chunk) => {
    const offset = buffer.length;
    buffer += chunk;
    for (let i = offset; i < buffer.length; i++) {
      const c = buffer[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') {
        if (depth++ === 0) start = i;
      } else if (c === '}' && depth > 0 && --depth === 0) {
        onObject(buffer.slice(start, i + 1));
        buffer = buffer.slice(i + 1);
        i = -1;
        start = -1;
      }
    }
    if (depth === 0) buffer = '';
  };
}

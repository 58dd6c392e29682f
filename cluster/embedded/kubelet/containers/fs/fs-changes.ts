// What processes changed in a container's filesystem, as plain data: each path they wrote, made
// or removed, with what it holds now. A container rebuilt from its pod spec after a restart gets
// these put back, so files a learner wrote inside it are still there.

import type { FsNode, MemoryFs } from './memory-fs.js';

interface Attributes {
  mode: number;
  uid: number;
  gid: number;
  /** ISO 8601. */
  mtime: string;
}

export type PathState =
  | { path: string; kind: 'absent' }
  | ({ path: string; kind: 'file'; content: string; program?: string } & Attributes)
  | ({ path: string; kind: 'dir' | 'null' } & Attributes);

/** The state of every changed path, parents before children. */
export function capturePathStates(fs: MemoryFs): PathState[] {
  return fs.changedPaths().map((path): PathState => {
    const node = fs.lookup(path);
    if (!node) return { path, kind: 'absent' };
    const attributes = { mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime.toISOString() };
    if (node.kind !== 'file') return { path, kind: node.kind, ...attributes };
    return { path, kind: 'file', content: node.content, ...(node.program !== undefined ? { program: node.program } : {}), ...attributes };
  });
}

/** Puts every captured path back, in order (so a directory exists before what it holds). */
export function restorePathStates(fs: MemoryFs, states: readonly PathState[]): void {
  for (const state of states) fs.restorePath(state.path, nodeOf(state));
}

function nodeOf(state: PathState): FsNode | undefined {
  if (state.kind === 'absent') return undefined;
  const base = { mode: state.mode, uid: state.uid, gid: state.gid, mtime: new Date(state.mtime) };
  switch (state.kind) {
    case 'file':
      return { kind: 'file', content: state.content, ...(state.program !== undefined ? { program: state.program } : {}), ...base };
    case 'dir':
      return { kind: 'dir', children: new Map(), ...base };
    case 'null':
      return { kind: 'null', ...base };
  }
}

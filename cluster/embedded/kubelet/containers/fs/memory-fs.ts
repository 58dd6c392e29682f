// A container's filesystem, entirely in memory: directories, regular files, executables (a file
// that names the simulated program it runs) and the null device. Mount points only carry the
// read-only flag that decides whether a write fails with EROFS. Nothing here touches the host.

export type Errno = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EFBIG' | 'EEXIST';

export const ERRNO_TEXT: Readonly<Record<Errno, string>> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  EFBIG: 'File too large',
  EEXIST: 'File exists',
};

export interface Owner {
  uid: number;
  gid: number;
}

interface NodeBase extends Owner {
  mode: number;
  mtime: Date;
}

export interface DirNode extends NodeBase {
  kind: 'dir';
  children: Map<string, FsNode>;
}

export interface FileNode extends NodeBase {
  kind: 'file';
  content: string;
  /** Set on executables: the simulated program this file runs. */
  program?: string;
}

export interface NullNode extends NodeBase {
  kind: 'null';
}

export type FsNode = DirNode | FileNode | NullNode;

export type FsResult<T> = { ok: true; value: T } | { ok: false; errno: Errno };

/** Large enough for any believable use, small enough that a shell session cannot grow memory without bound. */
const MAX_FILE_BYTES = 1 << 20;

const ok = <T>(value: T): FsResult<T> => ({ ok: true, value });
const fail = <T>(errno: Errno): FsResult<T> => ({ ok: false, errno });

/** Normalizes `path` against `cwd` into an absolute path without ".", ".." or double slashes. */
export function resolvePath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function basename(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? '/';
}

export class MemoryFs {
  private readonly root: DirNode;
  private readonly mounts = new Map<string, boolean>();
  /** Paths processes wrote, made or removed: what differs from the image, for snapshots. */
  private readonly changed = new Set<string>();
  private changeListener: (() => void) | undefined;

  constructor(private readonly clock: () => Date = () => new Date()) {
    this.root = this.dir({ uid: 0, gid: 0 }, 0o755);
    this.mounts.set('/', false);
  }

  private dir(owner: Owner, mode: number): DirNode {
    return { kind: 'dir', children: new Map(), mode, mtime: this.clock(), ...owner };
  }

  /** Declares a mount point; its read-only flag applies to everything below it. */
  mount(path: string, readOnly: boolean): void {
    this.mounts.set(resolvePath(path), readOnly);
    // A file can be a mount point too (/etc/hosts); only a missing path becomes a directory.
    if (!this.lookup(path)) this.mkdirs(path);
  }

  isReadOnly(path: string): boolean {
    let best = '/';
    for (const point of this.mounts.keys()) {
      const inside = point === '/' || path === point || path.startsWith(`${point}/`);
      if (inside && point.length >= best.length) best = point;
    }
    return this.mounts.get(best) ?? false;
  }

  lookup(path: string): FsNode | undefined {
    let node: FsNode = this.root;
    for (const part of resolvePath(path).split('/').filter(Boolean)) {
      if (node.kind !== 'dir') return undefined;
      const next: FsNode | undefined = node.children.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** Like lookup, but tells why a path does not resolve (ENOTDIR vs ENOENT). */
  stat(path: string): FsResult<FsNode> {
    let node: FsNode = this.root;
    for (const part of resolvePath(path).split('/').filter(Boolean)) {
      if (node.kind !== 'dir') return fail('ENOTDIR');
      const next: FsNode | undefined = node.children.get(part);
      if (!next) return fail('ENOENT');
      node = next;
    }
    return ok(node);
  }

  mkdirs(path: string, owner: Owner = { uid: 0, gid: 0 }, mode = 0o755): DirNode {
    let node = this.root;
    for (const part of resolvePath(path).split('/').filter(Boolean)) {
      let next = node.children.get(part);
      if (!next || next.kind !== 'dir') {
        next = this.dir(owner, mode);
        node.children.set(part, next);
      }
      node = next;
    }
    return node;
  }

  /** Places a file while building the image (ignores read-only mounts). */
  install(path: string, content: string, options: { mode?: number; owner?: Owner; program?: string } = {}): void {
    const absolute = resolvePath(path);
    const parent = this.mkdirs(absolute.slice(0, absolute.lastIndexOf('/')) || '/');
    const file: FileNode = {
      kind: 'file',
      content,
      mode: options.mode ?? 0o644,
      mtime: this.clock(),
      ...(options.owner ?? { uid: 0, gid: 0 }),
    };
    if (options.program !== undefined) file.program = options.program;
    parent.children.set(basename(absolute), file);
  }

  installNull(path: string): void {
    const absolute = resolvePath(path);
    const parent = this.mkdirs(absolute.slice(0, absolute.lastIndexOf('/')) || '/');
    parent.children.set(basename(absolute), { kind: 'null', mode: 0o666, mtime: this.clock(), uid: 0, gid: 0 });
  }

  readFile(path: string): FsResult<string> {
    const node = this.stat(path);
    if (!node.ok) return node;
    if (node.value.kind === 'dir') return fail('EISDIR');
    return ok(node.value.kind === 'file' ? node.value.content : '');
  }

  writeFile(path: string, content: string, mode: 'truncate' | 'append', owner: Owner): FsResult<void> {
    const absolute = resolvePath(path);
    const existing = this.stat(absolute);
    if (existing.ok && existing.value.kind === 'null') return ok(undefined);
    if (existing.ok && existing.value.kind === 'dir') return fail('EISDIR');
    const parentPath = absolute.slice(0, absolute.lastIndexOf('/')) || '/';
    const parent = this.stat(parentPath);
    if (!parent.ok) return fail(parent.errno === 'ENOENT' ? 'ENOENT' : 'ENOTDIR');
    if (parent.value.kind !== 'dir') return fail('ENOTDIR');
    if (this.isReadOnly(absolute)) return fail('EROFS');
    const previous = existing.ok && existing.value.kind === 'file' ? existing.value : undefined;
    const next = mode === 'append' && previous ? previous.content + content : content;
    if (Buffer.byteLength(next) > MAX_FILE_BYTES) return fail('EFBIG');
    if (previous) {
      previous.content = next;
      previous.mtime = this.clock();
    } else {
      parent.value.children.set(basename(absolute), { kind: 'file', content: next, mode: 0o644, mtime: this.clock(), ...owner });
    }
    this.noteChange(absolute);
    return ok(undefined);
  }

  /** `touch` of an existing file or directory: only its modification time changes. */
  touch(path: string): FsResult<void> {
    const absolute = resolvePath(path);
    const node = this.stat(absolute);
    if (!node.ok) return node;
    node.value.mtime = this.clock();
    this.noteChange(absolute);
    return ok(undefined);
  }

  makeDirectory(path: string, owner: Owner): FsResult<void> {
    const absolute = resolvePath(path);
    if (this.lookup(absolute)) return fail('EEXIST');
    const parent = this.stat(absolute.slice(0, absolute.lastIndexOf('/')) || '/');
    if (!parent.ok) return fail(parent.errno);
    if (parent.value.kind !== 'dir') return fail('ENOTDIR');
    if (this.isReadOnly(absolute)) return fail('EROFS');
    parent.value.children.set(basename(absolute), this.dir(owner, 0o755));
    this.noteChange(absolute);
    return ok(undefined);
  }

  /** Removes a file, or with `recursive` also a directory and everything below it. */
  remove(path: string, recursive = false): FsResult<void> {
    const absolute = resolvePath(path);
    if (absolute === '/') return fail('EROFS');
    const node = this.stat(absolute);
    if (!node.ok) return fail(node.errno);
    if (node.value.kind === 'dir' && !recursive) return fail('EISDIR');
    if (this.isReadOnly(absolute)) return fail('EROFS');
    const parent = this.lookup(absolute.slice(0, absolute.lastIndexOf('/')) || '/') as DirNode;
    parent.children.delete(basename(absolute));
    this.noteChange(absolute);
    return ok(undefined);
  }

  /** Entry names of a directory, sorted as `ls` sorts them in the C locale. */
  list(path: string): FsResult<string[]> {
    const node = this.stat(path);
    if (!node.ok) return node;
    if (node.value.kind !== 'dir') return fail('ENOTDIR');
    return ok([...node.value.children.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Called after every change a process makes (not the image's own set-up); one listener. */
  onChange(listener: () => void): void {
    this.changeListener = listener;
  }

  /** Every path a process wrote, made or removed, parents before children. */
  changedPaths(): string[] {
    return [...this.changed].sort();
  }

  /**
   * Puts back what a path held when a snapshot was taken (undefined: nothing), regardless of
   * read-only mounts; the path counts as changed again. A directory comes back empty: whatever
   * it held was made after it, so it comes back path by path too.
   */
  restorePath(path: string, node: FsNode | undefined): void {
    const absolute = resolvePath(path);
    if (absolute === '/') return;
    this.changed.add(absolute);
    const name = basename(absolute);
    const parentPath = absolute.slice(0, absolute.lastIndexOf('/')) || '/';
    if (!node) {
      const parent = this.lookup(parentPath);
      if (parent?.kind === 'dir') parent.children.delete(name);
      return;
    }
    this.mkdirs(parentPath).children.set(name, node);
  }

  private noteChange(absolute: string): void {
    this.changed.add(absolute);
    this.changeListener?.();
  }
}

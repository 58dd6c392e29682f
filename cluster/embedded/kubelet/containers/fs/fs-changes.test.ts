import { describe, expect, it } from 'vitest';
import { capturePathStates, restorePathStates } from './fs-changes.js';
import { MemoryFs } from './memory-fs.js';

const LEARNER = { uid: 1000, gid: 1000 };

/** What an image gives: the same every time it is built. */
function image(clock: () => Date): MemoryFs {
  const fs = new MemoryFs(clock);
  fs.mkdirs('/tmp', { uid: 0, gid: 0 }, 0o1777);
  fs.install('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n');
  fs.install('/etc/ssl/cert.pem', 'CERT');
  fs.install('/etc/motd', 'welcome\n');
  fs.mount('/', false);
  return fs;
}

/** Everything a process could see of a path: kind, content, owner, mode, time. */
function view(fs: MemoryFs, path: string): unknown {
  const node = fs.lookup(path);
  if (!node) return undefined;
  const base = { kind: node.kind, mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime.toISOString() };
  return node.kind === 'dir' ? { ...base, entries: fs.list(path) } : node.kind === 'file' ? { ...base, content: node.content } : base;
}

describe('filesystem changes across a restart', () => {
  it('puts back files written, appended, made, touched and removed into a freshly built image', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const live = image(() => now);
    now = new Date('2026-01-01T01:00:00Z');
    live.writeFile('/tmp/note', 'hello\n', 'truncate', LEARNER);
    live.writeFile('/tmp/note', 'again\n', 'append', LEARNER);
    live.makeDirectory('/tmp/work', LEARNER);
    live.writeFile('/tmp/work/out.txt', 'x', 'truncate', LEARNER);
    live.writeFile('/etc/motd', 'changed\n', 'truncate', LEARNER);
    live.remove('/etc/passwd');
    now = new Date('2026-01-01T02:00:00Z');
    live.touch('/etc/ssl/cert.pem');
    // Made and then removed again: nothing to bring back.
    live.makeDirectory('/tmp/scratch', LEARNER);
    live.writeFile('/tmp/scratch/a', 'a', 'truncate', LEARNER);
    live.remove('/tmp/scratch', true);

    const states = JSON.parse(JSON.stringify(capturePathStates(live))) as ReturnType<typeof capturePathStates>;
    now = new Date('2026-02-01T00:00:00Z');
    const rebuilt = image(() => now);
    restorePathStates(rebuilt, states);

    for (const path of ['/tmp/note', '/tmp/work', '/tmp/work/out.txt', '/etc/motd', '/etc/passwd', '/etc/ssl/cert.pem', '/tmp/scratch', '/tmp/scratch/a']) {
      expect(view(rebuilt, path), path).toEqual(view(live, path));
    }
    // Untouched image directories are built anew (with the new build time), holding the same names.
    for (const path of ['/', '/tmp', '/etc']) expect(rebuilt.list(path), path).toEqual(live.list(path));
    expect(rebuilt.readFile('/tmp/note')).toEqual({ ok: true, value: 'hello\nagain\n' });
  });

  it('empties a directory that was removed and made again, dropping what the image had there', () => {
    const live = image(() => new Date('2026-01-01T00:00:00Z'));
    live.remove('/etc/ssl', true);
    live.makeDirectory('/etc/ssl', LEARNER);
    live.writeFile('/etc/ssl/mine.pem', 'MINE', 'truncate', LEARNER);

    const rebuilt = image(() => new Date('2026-03-01T00:00:00Z'));
    restorePathStates(rebuilt, capturePathStates(live));
    expect(rebuilt.list('/etc/ssl')).toEqual({ ok: true, value: ['mine.pem'] });
    expect(view(rebuilt, '/etc/ssl')).toEqual(view(live, '/etc/ssl'));
  });

  it('keeps restored paths as changes, so the next snapshot still has them', () => {
    const live = image(() => new Date('2026-01-01T00:00:00Z'));
    live.writeFile('/tmp/note', 'hello\n', 'truncate', LEARNER);
    const first = capturePathStates(live);
    const rebuilt = image(() => new Date('2026-03-01T00:00:00Z'));
    restorePathStates(rebuilt, first);
    expect(capturePathStates(rebuilt)).toEqual(first);
  });

  it('tells its listener about each change a process makes, not about building the image', () => {
    const fs = new MemoryFs();
    let changes = 0;
    fs.onChange(() => (changes += 1));
    fs.install('/etc/motd', 'welcome\n');
    fs.mkdirs('/tmp');
    expect(changes).toBe(0);
    fs.writeFile('/tmp/a', 'a', 'truncate', LEARNER);
    fs.makeDirectory('/tmp/d', LEARNER);
    fs.touch('/tmp/a');
    fs.remove('/tmp/a');
    expect(changes).toBe(4);
    // A refused write changes nothing.
    fs.writeFile('/missing/a', 'a', 'truncate', LEARNER);
    expect(changes).toBe(4);
  });
});

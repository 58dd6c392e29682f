// Finding the program a command name runs: a path is looked up as given, a bare name along
// PATH. Only files the image installed as executables (memory-fs FileNode.program) run.

import { resolvePath, type MemoryFs } from '../fs/memory-fs.js';

export type Resolution =
  | { found: true; path: string; program: string }
  | { found: false; errno: 'ENOENT' | 'EACCES' | 'EISDIR' };

export function resolveCommand(fs: MemoryFs, name: string, pathVariable: string, cwd: string): Resolution {
  if (name.includes('/')) {
    const path = resolvePath(name, cwd);
    const node = fs.lookup(path);
    if (!node) return { found: false, errno: 'ENOENT' };
    if (node.kind === 'dir') return { found: false, errno: 'EISDIR' };
    if (node.kind !== 'file' || node.program === undefined) return { found: false, errno: 'EACCES' };
    return { found: true, path, program: node.program };
  }
  if (name === '') return { found: false, errno: 'ENOENT' };
  for (const dir of pathVariable.split(':')) {
    const path = resolvePath(`${dir || '.'}/${name}`, cwd);
    const node = fs.lookup(path);
    if (node?.kind === 'file' && node.program !== undefined) return { found: true, path, program: node.program };
  }
  return { found: false, errno: 'ENOENT' };
}

// The decision log as a JSON-lines file, so a cluster running in another process
// (`kubelab cluster up`) can be followed with `kubelab cluster log`. The writer rotates to
// "<file>.1" when the file grows past a limit; the follower notices the rotation and carries on.

import { closeSync, createWriteStream, existsSync, openSync, readSync, renameSync, statSync, type WriteStream } from 'node:fs';
import type { DecisionLog, KubeletDecision } from './decision-log.js';

export const DECISION_FILE_NAME = 'kubelet-decisions.jsonl';
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Appends every new entry of `log` to `path` (truncated first); returns the function that stops
 * it. Lines are written once per event-loop turn, so a busy kubelet makes one write, not hundreds.
 */
export function writeDecisionFile(log: DecisionLog, path: string, maxBytes = DEFAULT_MAX_BYTES): () => Promise<void> {
  let stream: WriteStream = open(path);
  let written = 0;
  let pending = '';
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    scheduled = undefined;
    const bytes = Buffer.byteLength(pending);
    if (written + bytes > maxBytes && written > 0) {
      stream.end();
      renameSync(path, `${path}.1`);
      stream = open(path);
      written = 0;
    }
    stream.write(pending);
    written += bytes;
    pending = '';
  };
  const unsubscribe = log.subscribe((decision) => {
    pending += `${JSON.stringify(decision)}\n`;
    scheduled ??= setImmediate(flush);
  });
  return () => {
    unsubscribe();
    if (scheduled) {
      clearImmediate(scheduled);
      flush();
    }
    return new Promise((done) => stream.end(done));
  };
}

function open(path: string): WriteStream {
  const stream = createWriteStream(path, { flags: 'w' });
  stream.on('error', () => {}); // a full disk must not take the cluster down; entries are lost, not the kubelet
  return stream;
}

/** Complete lines parsed as entries; a line that does not parse (a torn write) is skipped. */
function parseLines(text: string): KubeletDecision[] {
  const out: KubeletDecision[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as KubeletDecision);
    } catch {
      // skipped
    }
  }
  return out;
}

/** Reads bytes [from, size) of a file. */
function readFrom(path: string, from: number): { text: string; size: number } {
  const size = statSync(path).size;
  if (size <= from) return { text: '', size };
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(size - from);
    const read = readSync(fd, buffer, 0, buffer.length, from);
    return { text: buffer.subarray(0, read).toString('utf8'), size: from + read };
  } finally {
    closeSync(fd);
  }
}

export interface DecisionFollower {
  /** Entries written so far (the rotated file first). */
  existing: KubeletDecision[];
  /** Calls `onEntry` for each later entry, polling every `intervalMs`, until `stop()` is called. */
  follow(onEntry: (d: KubeletDecision) => void, intervalMs?: number): { stop(): void };
}

export function openDecisionFile(path: string): DecisionFollower {
  const rotated = `${path}.1`;
  const existing = [...(existsSync(rotated) ? parseLines(readFrom(rotated, 0).text) : []), ...(existsSync(path) ? parseLines(readFrom(path, 0).text) : [])];
  let position = existsSync(path) ? statSync(path).size : 0;
  let inode = existsSync(path) ? statSync(path).ino : -1;
  let partial = '';
  return {
    existing,
    follow(onEntry, intervalMs = 250) {
      const emit = (text: string) => {
        const joined = partial + text;
        const cut = joined.lastIndexOf('\n');
        partial = cut < 0 ? joined : joined.slice(cut + 1);
        if (cut >= 0) for (const entry of parseLines(joined.slice(0, cut))) onEntry(entry);
      };
      const poll = () => {
        if (!existsSync(path)) return;
        const current = statSync(path);
        if (current.ino !== inode || current.size < position) {
          // Rotated: finish the old file (now "<file>.1") from where we were, then start the new one.
          if (existsSync(rotated) && statSync(rotated).ino === inode) emit(readFrom(rotated, position).text);
          partial = '';
          inode = current.ino;
          position = 0;
        }
        const chunk = readFrom(path, position);
        position = chunk.size;
        if (chunk.text) emit(chunk.text);
      };
      const timer = setInterval(poll, intervalMs);
      return { stop: () => clearInterval(timer) };
    },
  };
}

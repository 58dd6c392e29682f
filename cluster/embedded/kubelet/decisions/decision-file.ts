// The decision log as a JSON-lines file, so a cluster running in another process
// (`kubelab cluster up`) can be followed with `kubelab cluster log`. The writer rotates to
// "<file>.1" when the file grows past a limit; the follower notices the rotation and carries on.

import { closeSync, existsSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import type { DecisionLog, KubeletDecision } from './decision-log.js';

export const DECISION_FILE_NAME = 'kubelet-decisions.jsonl';
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** How long entries wait to be written: one write per interval, however busy the kubelets are. */
const FLUSH_INTERVAL_MS = 50;
/** Room for the lines of one interval of a busy kubelet (~1 KB each); a fuller buffer is written early. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Appends every new entry of `log` to `path` (truncated first); returns the function that stops
 * it (writing what is pending). Lines are written every FLUSH_INTERVAL_MS: a kubelet answering
 * thousands of requests a second makes a few writes, not thousands. Until then they wait as
 * UTF-8 in one reused off-heap buffer: kept as strings they were copied by every young-generation
 * GC in between, and a new buffer per write made the old generation collect more often; both
 * lengthened the kubelet's pauses. A write of a few hundred KB to a local file takes well under
 * a millisecond, so it is made synchronously, from that one buffer.
 */
export function writeDecisionFile(log: DecisionLog, path: string, maxBytes = DEFAULT_MAX_BYTES): () => Promise<void> {
  let file = open(path);
  let written = 0;
  let chunk: Buffer | undefined;
  let used = 0;
  let scheduled: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(scheduled);
    scheduled = undefined;
    if (!chunk || used === 0) return;
    if (written + used > maxBytes && written > 0) {
      close(file);
      rotate(path);
      file = open(path);
      written = 0;
    }
    append(file, chunk.subarray(0, used));
    written += used;
    used = 0;
  };
  const unsubscribe = log.subscribe((decision) => {
    const line = decisionLine(decision);
    // UTF-8 needs at most 3 bytes per UTF-16 unit: a line that might not fit waits for an empty buffer.
    const room = line.length * 3 + 1;
    if (chunk && used + room > chunk.length) flush();
    if (!chunk || room > chunk.length) chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, room));
    used += chunk.write(line, used);
    chunk[used++] = 0x0a;
    // Unref'd: pending lines never keep a finished process alive (stop() writes them).
    scheduled ??= setTimeout(flush, FLUSH_INTERVAL_MS).unref();
  });
  return async () => {
    unsubscribe();
    flush();
    // Forgotten at once: a second stop must not close a descriptor the process has since reused.
    close(file);
    file = undefined;
  };
}

/** The file descriptor, or undefined when the file cannot be opened: the log is lost, not the cluster. */
function open(path: string): number | undefined {
  try {
    return openSync(path, 'w');
  } catch {
    return undefined;
  }
}

/** The file becomes "<file>.1"; a file already gone (its folder removed) is nothing to rotate. */
function rotate(path: string): void {
  try {
    renameSync(path, `${path}.1`);
  } catch {
    // the next open says whether the log can go on
  }
}

function append(file: number | undefined, bytes: Buffer): void {
  if (file === undefined) return;
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(file, bytes, at);
  } catch {
    // A full disk must not take the cluster down: these entries are lost, not the kubelet.
  }
}

function close(file: number | undefined): void {
  if (file === undefined) return;
  try {
    closeSync(file);
  } catch {
    // already gone
  }
}

/** The JSON of frozen parts of entries (a cached review, a cached user), made once: they recur in entry after entry. */
const frozenJson = new WeakMap<object, string>();

function json(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(json).join(',')}]`;
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return JSON.stringify(value);
  let text = frozenJson.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    frozenJson.set(value, text);
  }
  return text;
}

/**
 * An entry as one JSON line: what JSON.stringify gives, with the frozen parts' JSON reused. A
 * kubelet under load logs the same few reviews and users again and again, and serializing them
 * afresh was the larger part of the cost of logging a request.
 */
function decisionLine(decision: KubeletDecision): string {
  let line = '';
  for (const key in decision) {
    const value = decision[key as keyof KubeletDecision];
    if (value === undefined) continue;
    line += `${line ? ',' : '{'}${JSON.stringify(key)}:${json(value)}`;
  }
  return `${line || '{'}}`;
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

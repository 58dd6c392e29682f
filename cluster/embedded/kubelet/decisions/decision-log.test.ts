import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDecisionFile, writeDecisionFile } from './decision-file.js';
import { formatDecision } from './decision-format.js';
import { DecisionLog, type DecisionReview, type KubeletDecision } from './decision-log.js';

const entry = (path: string, status = 200): Omit<KubeletDecision, 'seq'> => ({
  time: '2026-05-20T10:00:00.000Z', node: 'lab-worker', method: 'GET', path, remoteAddress: '127.0.0.1', upgrade: false,
  reviews: [], outcome: 'authorized', status, durationMs: 0.5,
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('decision log', () => {
  it('keeps only the newest entries, oldest first, numbered in order', () => {
    const log = new DecisionLog(3);
    for (const p of ['/a', '/b', '/c', '/d']) log.record(entry(p));
    expect(log.entries().map((d) => [d.seq, d.path])).toEqual([[2, '/b'], [3, '/c'], [4, '/d']]);
  });

  it('tells subscribers about each entry until they unsubscribe, and survives a failing one', () => {
    const log = new DecisionLog();
    const seen: string[] = [];
    log.subscribe(() => {
      throw new Error('broken viewer');
    });
    const stop = log.subscribe((d) => seen.push(d.path));
    log.record(entry('/pods'));
    stop();
    log.record(entry('/healthz'));
    expect(seen).toEqual(['/pods']);
  });

  it('says why a request was refused and flags a cached denial the cluster would now allow', () => {
    const lines = formatDecision({
      ...entry('/pods', 403),
      seq: 1,
      outcome: 'forbidden',
      authentication: { method: 'bearer', user: 'system:serviceaccount:default:mon', groups: [], cached: true },
      reviews: [{ verb: 'get', resource: 'nodes', subresource: 'pods', name: 'lab-worker', decision: 'noOpinion', reason: '', cached: true, cachedUntil: '2026-05-20T10:00:30.000Z', liveDecision: 'allow' }],
    });
    expect(lines[0]).toBe('2026-05-20T10:00:00.000Z lab-worker GET /pods -> 403 Forbidden');
    expect(lines.join('\n')).toContain('get nodes/pods lab-worker: noOpinion [from kubelet cache until 2026-05-20T10:00:30.000Z]');
    expect(lines.join('\n')).toContain('the cluster would now answer allow');
  });
});

describe('decision file', () => {
  it('mirrors the log as JSON lines and lets another reader follow it across a rotation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-decisions-'));
    const path = join(dir, 'kubelet-decisions.jsonl');
    const log = new DecisionLog();
    // Room for four lines: the six below rotate the file exactly once.
    const lineBytes = JSON.stringify({ ...entry('/later-0'), seq: 10 }).length + 1;
    const stop = writeDecisionFile(log, path, lineBytes * 4.5);
    log.record(entry('/first'));
    await until(() => openDecisionFile(path).existing.length === 1);
    const reader = openDecisionFile(path);
    expect(reader.existing.map((d) => d.path)).toEqual(['/first']);
    const followed: string[] = [];
    const follower = reader.follow((d) => followed.push(d.path), 10);
    for (let i = 0; i < 6; i++) log.record(entry(`/later-${i}`));
    await until(() => followed.length === 6);
    follower.stop();
    await stop();
    expect(followed).toEqual(['/later-0', '/later-1', '/later-2', '/later-3', '/later-4', '/later-5']);
  });

  it('skips a torn line instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-decisions-'));
    const path = join(dir, 'kubelet-decisions.jsonl');
    writeFileSync(path, `${JSON.stringify({ ...entry('/ok'), seq: 1 })}\n{"seq": 2, "pa`);
    expect(openDecisionFile(path).existing.map((d) => d.path)).toEqual(['/ok']);
    renameSync(path, `${path}.1`);
    appendFileSync(path, `${JSON.stringify({ ...entry('/new'), seq: 3 })}\n`);
    expect(openDecisionFile(path).existing.map((d) => d.path)).toEqual(['/ok', '/new']);
  });

  it('writes each entry as the JSON of the whole entry, one per line, frozen parts reused or not', async () => {
    const text = fc.string({ unit: 'binary' });
    const review = fc.record(
      {
        verb: text, resource: text, subresource: text, name: text,
        decision: fc.constantFrom('allow', 'deny', 'noOpinion'), reason: text, cached: fc.boolean(),
        cachedUntil: text, liveDecision: fc.constantFrom('allow', 'deny', 'noOpinion'),
        explanation: fc.record({ decidedBy: text, notAllowedBy: fc.array(fc.record({ bindingKind: text, binding: text, role: text, mismatches: fc.array(text) })) }, { requiredKeys: ['notAllowedBy'] }),
      },
      { requiredKeys: ['verb', 'resource', 'subresource', 'name', 'decision', 'reason', 'cached'] },
    ) as fc.Arbitrary<DecisionReview>;
    const decision = fc.record(
      {
        time: text, node: text, method: text, path: text, query: text, remoteAddress: text, upgrade: fc.boolean(), endpoint: text,
        authentication: fc.record({ method: fc.constantFrom('x509', 'bearer', 'websocket-protocol', 'anonymous'), user: text, groups: fc.array(text), cached: fc.boolean(), errors: fc.array(text) }, { requiredKeys: [] }),
        reviews: fc.array(review, { maxLength: 3 }),
        outcome: fc.constantFrom('routed-before-auth', 'unauthenticated', 'forbidden', 'authorization-error', 'authorized'),
        status: fc.integer({ min: 100, max: 599 }), durationMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
      },
      { requiredKeys: ['time', 'node', 'method', 'path', 'remoteAddress', 'upgrade', 'reviews', 'outcome', 'status', 'durationMs'] },
    ) as fc.Arbitrary<Omit<KubeletDecision, 'seq'>>;
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-decisions-'));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(decision, fc.boolean()), { minLength: 1, maxLength: 40 }), async (cases) => {
        const path = join(dir, `run-${run++}.jsonl`);
        const log = new DecisionLog();
        const stop = writeDecisionFile(log, path);
        const recorded: KubeletDecision[] = [];
        for (const [d, freeze] of cases) {
          if (freeze) {
            d.reviews.forEach((r) => Object.freeze(r));
            if (d.authentication) Object.freeze(d.authentication);
          }
          // Each twice: the second line reuses the JSON of the frozen parts.
          recorded.push(log.record({ ...d }), log.record({ ...d }));
        }
        await stop();
        expect(readFileSync(path, 'utf8')).toBe(recorded.map((d) => `${JSON.stringify(d)}\n`).join(''));
      }),
      { numRuns: 40 },
    );
  });

  it('writes an entry larger than its buffer whole, between whole neighbours', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kubelab-decisions-')), 'kubelet-decisions.jsonl');
    const log = new DecisionLog();
    const stop = writeDecisionFile(log, path);
    const paths = ['/before', `/${'é'.repeat(200_000)}`, '/after'];
    for (const p of paths) log.record(entry(p));
    await stop();
    expect(openDecisionFile(path).existing.map((d) => d.path)).toEqual(paths);
  });

  it('carries on, writing nothing, when its folder is removed under it, and may be stopped twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-decisions-'));
    const log = new DecisionLog();
    const stop = writeDecisionFile(log, join(dir, 'kubelet-decisions.jsonl'), 300);
    log.record(entry('/first'));
    await new Promise((r) => setTimeout(r, 80)); // written
    rmSync(dir, { recursive: true, force: true });
    // Past the size limit: the writer rotates a file that is gone, then cannot reopen it.
    for (let i = 0; i < 5; i++) log.record(entry(`/later-${i}`));
    await new Promise((r) => setTimeout(r, 80));
    await stop();
    await stop();
    expect(log.entries().map((d) => d.path)).toEqual(['/first', '/later-0', '/later-1', '/later-2', '/later-3', '/later-4']);
  });
});

import { describe, expect, it } from 'vitest';
import type { RosterRow } from '../contract.js';
import { rosterRowModel, scoreText, timeAgo } from './roster-model.js';

const NOW = Date.parse('2025-05-01T10:00:00Z');
const titles = new Map([['why-nodes-proxy', 'Why nodes/proxy was the only option']]);

function row(overrides: Partial<RosterRow> = {}): RosterRow {
  return {
    learnerId: 'l1',
    displayName: '<img src=x onerror=alert(1)>',
    joinedAt: '2025-05-01T09:00:00Z',
    online: false,
    lastSeenAt: '2025-05-01T09:57:00Z',
    attempt: {
      scenarioId: 'why-nodes-proxy',
      version: '1.33',
      startedAt: '2025-05-01T09:30:00Z',
      deadlineAt: '2025-05-01T10:05:30Z',
      endedAt: null,
      labState: 'ready',
      currentStep: 2,
      totalSteps: 3,
    },
    lastResults: [
      { step: 2, checkId: 'b', title: 'pods readable', passed: false, gradedAt: '2025-05-01T09:50:00Z' },
      { step: 1, checkId: 'a', title: 'binding exists', passed: true, gradedAt: '2025-05-01T09:40:00Z' },
    ],
    score: { passed: 3, total: 8, percent: 37.5 },
    ...overrides,
  };
}

describe('timeAgo', () => {
  it('says how long ago in the largest sensible unit', () => {
    expect(timeAgo(0)).toBe('just now');
    expect(timeAgo(9_999)).toBe('just now');
    expect(timeAgo(45_000)).toBe('45 s ago');
    expect(timeAgo(3 * 60_000 + 5_000)).toBe('3 min ago');
    expect(timeAgo(2 * 3_600_000)).toBe('2 h ago');
    expect(timeAgo(26 * 3_600_000)).toBe('1 day ago');
    expect(timeAgo(-5_000)).toBe('just now');
  });
});

describe('scoreText', () => {
  it('shows points and a rounded percentage, or a dash before any grading', () => {
    expect(scoreText({ passed: 3, total: 8, percent: 37.5 })).toBe('3 / 8 · 38%');
    expect(scoreText(null)).toBe('—');
  });
});

describe('rosterRowModel', () => {
  it('turns a wire row into what the table shows, the name kept verbatim as text', () => {
    const m = rosterRowModel(row(), { now: NOW, exam: true, scenarioTitles: titles });
    expect(m.name).toBe('<img src=x onerror=alert(1)>');
    expect(m.scenario).toBe('Why nodes/proxy was the only option');
    expect(m.version).toBe('v1.33');
    expect(m.step).toBe('2 / 3');
    expect(m.lab).toBe('lab running');
    expect(m.presence).toBe('offline');
    expect(m.lastSeen).toBe('3 min ago');
    expect(m.exam).toBe('05:30 left');
    expect(m.score).toBe('3 / 8 · 38%');
    expect(m.percent).toBe(37.5);
  });

  it('groups the check chips by step, keeps the latest verdict per check, and says each in words', () => {
    const results = [
      { step: 2, checkId: 'b', title: 'pods readable', passed: false, gradedAt: '2025-05-01T09:50:00Z' },
      { step: 1, checkId: 'a', title: 'binding exists', passed: true, gradedAt: '2025-05-01T09:40:00Z' },
      { step: 2, checkId: 'c', title: 'no exec', passed: true, gradedAt: '2025-05-01T09:50:00Z' },
      // Checked again later: the newer verdict replaces the older one, in place.
      { step: 2, checkId: 'b', title: 'pods readable', passed: true, gradedAt: '2025-05-01T09:55:00Z' },
    ];
    const m = rosterRowModel(row({ lastResults: results }), { now: NOW, exam: false, scenarioTitles: titles });
    expect(m.results).toEqual([
      { step: 1, chips: [{ mark: '✓', passed: true, label: 'Step 1, binding exists: passed' }] },
      {
        step: 2,
        chips: [
          { mark: '✓', passed: true, label: 'Step 2, pods readable: passed' },
          { mark: '✓', passed: true, label: 'Step 2, no exec: passed' },
        ],
      },
    ]);
    expect(m.exam).toBeUndefined();
  });

  it('describes a learner who joined but has not started', () => {
    const m = rosterRowModel(row({ attempt: null, lastResults: [], score: null, online: true, lastSeenAt: null }), { now: NOW, exam: true, scenarioTitles: titles });
    expect(m).toMatchObject({ scenario: 'not started', version: '', step: '—', lab: '', exam: 'not started', results: [], score: '—', percent: null, lastSeen: 'now', presence: 'online' });
  });

  it('follows the exam clock to its end', () => {
    const attempt = row().attempt!;
    const at = (overrides: Partial<typeof attempt>, now = NOW) => rosterRowModel(row({ attempt: { ...attempt, ...overrides } }), { now, exam: true, scenarioTitles: titles }).exam;
    expect(at({}, Date.parse('2025-05-01T10:06:00Z'))).toBe('time up');
    expect(at({ endedAt: '2025-05-01T10:05:31Z' })).toBe('ended');
    expect(at({ deadlineAt: null })).toBe('not started');
  });

  it('says every step is done once the current step is past the last', () => {
    const attempt = { ...row().attempt!, currentStep: 4, totalSteps: 3 };
    expect(rosterRowModel(row({ attempt }), { now: NOW, exam: false, scenarioTitles: titles }).step).toBe('all 3 done');
  });

  it('falls back to the scenario id when the title is unknown', () => {
    expect(rosterRowModel(row(), { now: NOW, exam: false, scenarioTitles: new Map() }).scenario).toBe('why-nodes-proxy');
  });
});

// A roster row as the instructor's table shows it, computed from the wire row without the DOM
// (so it is tested as data). Names and check titles stay plain strings: the table puts them in
// as text, never as markup.

import type { Attempt, LastResult, RosterRow, Score } from '../contract.js';
import { formatCountdown } from './countdown.js';

export interface ResultChip {
  /** ✓ or ✗: many fit in a row of a projected roster. */
  mark: string;
  passed: boolean;
  /** The step, the check's title and the verdict in words: for the tooltip and screen readers. */
  label: string;
}

/** A step's latest result per check, in the order the server first listed them. */
export interface StepChips {
  step: number;
  chips: ResultChip[];
}

export interface RosterRowModel {
  learnerId: string;
  name: string;
  online: boolean;
  presence: string;
  lastSeen: string;
  scenario: string;
  version: string;
  step: string;
  lab: string;
  /** Exam classes only: the learner's clock. */
  exam?: string;
  results: StepChips[];
  score: string;
  percent: number | null;
}

/** "just now", "45 s ago", "3 min ago", "2 h ago", "4 days ago". */
export function timeAgo(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

export function scoreText(score: Score | null): string {
  return score ? `${score.passed} / ${score.total} · ${Math.round(score.percent)}%` : '—';
}

const LAB_STATE: Record<Attempt['labState'], string> = { starting: 'lab starting', ready: 'lab running', failed: 'lab failed', none: 'no lab' };

function examClock(attempt: Attempt | null, now: number): string {
  if (!attempt?.deadlineAt) return 'not started';
  if (attempt.endedAt) return 'ended';
  const left = Date.parse(attempt.deadlineAt) - now;
  return left > 0 ? `${formatCountdown(left)} left` : 'time up';
}

/** The server counts the step being worked on; past the last one, every step passes. */
function stepText(attempt: Attempt | null): string {
  if (!attempt || attempt.totalSteps === 0) return '—';
  if (attempt.currentStep > attempt.totalSteps) return `all ${attempt.totalSteps} done`;
  return `${attempt.currentStep} / ${attempt.totalSteps}`;
}

function chip(result: LastResult): ResultChip {
  const verdict = result.passed ? 'passed' : 'failed';
  return { mark: result.passed ? '✓' : '✗', passed: result.passed, label: `Step ${result.step}, ${result.title}: ${verdict}` };
}

/** The server lists recent results oldest first, a check checked twice twice: the later one counts. */
function byStep(results: readonly LastResult[]): StepChips[] {
  const steps = new Map<number, Map<string, ResultChip>>();
  for (const r of results) {
    const checks = steps.get(r.step) ?? new Map<string, ResultChip>();
    checks.set(r.checkId, chip(r));
    steps.set(r.step, checks);
  }
  return [...steps.entries()].sort(([a], [b]) => a - b).map(([step, checks]) => ({ step, chips: [...checks.values()] }));
}

export function rosterRowModel(row: RosterRow, options: { now: number; exam: boolean; scenarioTitles: ReadonlyMap<string, string> }): RosterRowModel {
  const { attempt } = row;
  const seen = row.lastSeenAt === null ? Number.NaN : Date.parse(row.lastSeenAt);
  return {
    learnerId: row.learnerId,
    name: row.displayName,
    online: row.online,
    presence: row.online ? 'online' : 'offline',
    lastSeen: row.online ? 'now' : Number.isNaN(seen) ? '—' : timeAgo(options.now - seen),
    scenario: attempt ? (options.scenarioTitles.get(attempt.scenarioId) ?? attempt.scenarioId) : 'not started',
    version: attempt ? `v${attempt.version}` : '',
    step: stepText(attempt),
    lab: attempt ? LAB_STATE[attempt.labState] : '',
    ...(options.exam ? { exam: examClock(attempt, options.now) } : {}),
    results: byStep(row.lastResults),
    score: scoreText(row.score),
    percent: row.score ? row.score.percent : null,
  };
}

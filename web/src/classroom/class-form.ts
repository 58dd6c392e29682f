// The new-class form's rules, as the server applies them (400 INVALID_REQUEST otherwise): a name
// of at most 80 characters, versions every picked scenario runs on, and an exam of 0.1 to 600
// minutes (fractions allow short drills: 0.5 is 30 seconds).

import type { NewClass, ScenarioSummary, Version } from '../contract.js';

export const MAX_NAME = 80;
export const EXAM_MINUTES = { min: 0.1, max: 600 };

/** The versions all the picked scenarios run on, in the order the first one lists them. */
export function commonVersions(scenarios: Pick<ScenarioSummary, 'id' | 'versions'>[], picked: string[]): Version[] {
  const chosen = scenarios.filter((s) => picked.includes(s.id));
  const [first, ...rest] = chosen;
  if (!first) return [];
  return first.versions.filter((v) => rest.every((s) => s.versions.includes(v)));
}

export interface ClassFormInput {
  name: string;
  scenarioIds: string[];
  versions: Version[];
  /** The exam-minutes field as typed: "" for a classroom without a time limit. */
  examMinutes: string;
}

export function newClassFrom(input: ClassFormInput): { spec: NewClass } | { problem: string } {
  const name = input.name.trim();
  if (!name) return { problem: 'Give the class a name, for example “CKS workshop, Tuesday”.' };
  if (name.length > MAX_NAME) return { problem: `Use at most ${MAX_NAME} characters for the class name.` };
  if (input.scenarioIds.length === 0) return { problem: 'Pick at least one scenario.' };
  if (input.versions.length === 0) return { problem: 'Pick at least one Kubernetes version that every picked scenario runs on.' };
  const typed = input.examMinutes.trim();
  let examMinutes: number | null = null;
  if (typed) {
    examMinutes = Number(typed);
    if (!Number.isFinite(examMinutes) || examMinutes < EXAM_MINUTES.min || examMinutes > EXAM_MINUTES.max) {
      return { problem: `An exam lasts ${EXAM_MINUTES.min} to ${EXAM_MINUTES.max} minutes; leave the field empty for a class without a time limit.` };
    }
  }
  return { spec: { name, scenarioIds: input.scenarioIds, versions: input.versions, examMinutes } };
}

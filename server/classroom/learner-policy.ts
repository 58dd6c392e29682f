// What a learner's session may do with scenarios and labs. Practice mode: anything. Classroom
// mode: only a learner who joined a class, only that class's scenarios and versions, and in an
// exam no hints, no solutions, no self-checks, and nothing after the deadline.

import type { KubeVersion } from '../../cluster/versions.js';
import { ApiError } from '../http/api-error.js';
import type { Scenario } from '../scenarios/model.js';
import type { Session } from '../sessions.js';
import type { ClassSummary } from './classroom.js';

export type LearnerAction = 'lab' | 'check' | 'hints' | 'solution' | 'access-matrix';

export interface LearnerPolicy {
  /** Refuses a session that may not use learner routes at all. */
  admit(session: Session): void;
  /** Refuses a session that may not read the scenario catalog (the instructor may, to build classes). */
  browse(session: Session): void;
  offers(session: Session, scenario: Scenario): boolean;
  /** Refuses a scenario or version the session may not start. */
  canStart(session: Session, scenario: Scenario, version: KubeVersion): void;
  /** Refuses an action on the running lab. */
  may(session: Session, action: LearnerAction): void;
}

export const practicePolicy: LearnerPolicy = {
  admit: () => {},
  browse: () => {},
  offers: () => true,
  canStart: () => {},
  may: () => {},
};

const EXAM_HIDDEN: Record<Exclude<LearnerAction, 'lab'>, string> = { check: 'self-checks', hints: 'hints', solution: 'solutions', 'access-matrix': 'access matrix (it shows what each grant allows)' };

export interface ClassroomFacts {
  classOf(classId: string): ClassSummary | undefined;
  /** The learner's exam is over (an ended attempt): no second attempt. */
  examEnded(learnerId: string): boolean;
  now?: () => number;
}

export function classroomPolicy(facts: ClassroomFacts): LearnerPolicy {
  const now = facts.now ?? Date.now;
  const joinedClass = (session: Session): ClassSummary => {
    if (session.role === 'instructor') throw new ApiError(403, 'LEARNER_ONLY', 'This page is for learners; this browser is the instructor’s.', 'Open the instructor page at /instructor.');
    const id = session.learner?.classId;
    const klass = id ? facts.classOf(id) : undefined;
    if (!klass) throw new ApiError(403, 'JOIN_FIRST', 'Join a class before you start a lab.', 'Open the join link your instructor gave you (or /join) and enter the class code.');
    return klass;
  };
  return {
    admit: (session) => void joinedClass(session),
    browse: (session) => {
      if (session.role !== 'instructor') joinedClass(session);
    },
    offers: (session, scenario) => session.role === 'instructor' || joinedClass(session).scenarioIds.includes(scenario.id),
    canStart(session, scenario, version) {
      const klass = joinedClass(session);
      if (!klass.scenarioIds.includes(scenario.id) || !klass.versions.includes(version)) {
        throw new ApiError(403, 'NOT_IN_CLASS', `Your class does not offer "${scenario.id}" on v${version}.`, `Pick one of the class's scenarios (${klass.scenarioIds.join(', ')}) on ${klass.versions.map((v) => `v${v}`).join(', ')}.`);
      }
    },
    may(session, action) {
      const klass = joinedClass(session);
      if (klass.examMinutes === null) return;
      const deadline = session.lab?.deadlineAt;
      if ((deadline && deadline.getTime() <= now()) || facts.examEnded(session.learner!.id)) throw new ApiError(409, 'EXAM_OVER', 'Your exam time is over.', 'Your work was graded at the deadline: see your score report.');
      if (action !== 'lab') throw new ApiError(403, 'EXAM_MODE', `No ${EXAM_HIDDEN[action]} during an exam.`, 'Your work is graded when the exam time ends.');
    },
  };
}

// What the API routes share: sessions, the scenarios, the lab manager, and what the server runs as.

import type { Classroom } from '../classroom/classroom.js';
import type { LearnerPolicy } from '../classroom/learner-policy.js';
import type { Scenario } from '../scenarios/model.js';
import type { LabManager } from '../lab/lab-manager.js';
import type { SessionStore } from '../sessions.js';
import type { CookieSigner } from './session-cookie.js';

export type LabMode = 'practice' | 'classroom' | 'exam';
export type Runtime = 'embedded' | 'kind';

export interface ApiContext {
  sessions: SessionStore;
  signer: CookieSigner;
  scenarios: ReadonlyMap<string, Scenario>;
  labs: LabManager;
  /** practice or classroom; a classroom learner of an exam class sees "exam". */
  mode: Exclude<LabMode, 'exam'>;
  runtime: Runtime;
  policy: LearnerPolicy;
  /** Only in classroom mode. */
  classroom?: Classroom;
}

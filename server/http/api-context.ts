// What the API routes share: sessions, the scenarios, the lab manager, and what the server runs as.

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
  mode: LabMode;
  runtime: Runtime;
}

// The wire types of docs/web-api.md, as the browser receives them. Grading reports and kubelet
// decisions are the server's own types, so a change there breaks this build instead of the page.

export type { CheckResult, DecisionAttempt, StepReport } from '../../server/grading/report.js';
export type { DecisionReview, KubeletDecision } from '../../cluster/embedded/kubelet/decisions/decision-log.js';
import type { ClassSummary, ClassView, RosterRow } from '../../server/classroom/classroom.js';
import type { ScoreReport } from '../../server/classroom/scoring.js';

export type Version = string;

export interface ApiErrorBody {
  code: string;
  message: string;
  fix: string;
}

export type LabMode = 'practice' | 'classroom' | 'exam';
export type Role = 'none' | 'learner' | 'instructor';

export interface Session {
  id: string;
  csrf: string;
  mode: LabMode;
  runtime: 'embedded' | 'kind';
  /** Classroom mode only (practice mode has no roles). */
  role?: Role;
  learner?: Learner;
  /** The learner's class. */
  class?: ClassSummary;
}

export interface Progress {
  startedAt?: string;
  completedSteps: number;
  totalSteps: number;
  finished: boolean;
}

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  minutes: number;
  versions: Version[];
  progress: Progress;
}

export interface ScenarioStep {
  number: number;
  title: string;
  html: string;
}

export interface ScenarioDetail {
  id: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  minutes: number;
  versions: Version[];
  /** The version the HTML is written for (`::: only` passages resolved). */
  version: Version;
  /** The introduction; "" when there is none. */
  introHtml: string;
  /** Each step's html starts after its title: the page shows `title` itself. */
  steps: ScenarioStep[];
  finishHtml: string;
}

export interface LabNode {
  name: string;
  internalIP: string;
  kubeletPort: number;
}

export interface Lab {
  labId: string;
  scenarioId: string;
  version: Version;
  gitVersion: string;
  state: 'starting' | 'ready' | 'failed';
  nodes: LabNode[];
  startedAt: string;
  /** Only in state "failed": why, and what to do. */
  error?: ApiErrorBody;
}

export interface Hints {
  hints: string[];
}

export interface Solution {
  script: string;
}

export interface MatrixEndpoint {
  group: string;
  path: string;
  method: string;
}

export interface MatrixCell {
  /** The `group` of the endpoint this cell is about. */
  endpoint: string;
  version: Version;
  allowed: boolean;
  /** The subresources the kubelet asked about, in order, up to the first allowed one. */
  subresources: string[];
  reason: string;
}

export interface AccessMatrix {
  subject: string;
  endpoints: MatrixEndpoint[];
  versions: Version[];
  cells: MatrixCell[];
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface LabProgress {
  stage: string;
  state: 'start' | 'done' | 'failed';
  detail?: string;
  elapsedMs?: number;
}

/** lab:idle: nobody used the lab for `idleMs`; it is deleted in `deleteInMs` unless someone does. */
export interface IdleWarning {
  idleMs: number;
  deleteInMs: number;
}

export type LabEndReason = 'replaced' | 'reset' | 'deleted' | 'idle' | 'shutdown' | 'exam-over';

/** lab:ended: that lab and its shell are gone (told before a replacing lab's progress). */
export interface LabEnded {
  labId: string;
  reason: LabEndReason;
}

// ---------- classroom and exam mode (the server's own types, as for grading reports)

export type { ClassSummary, ClassView, RosterRow, ExamStatus as ExamState } from '../../server/classroom/classroom.js';
export type { Score, ScoreReport, ReportCheck as ScoredCheck } from '../../server/classroom/scoring.js';
export type { GradeTrigger } from '../../server/lab/lab-manager.js';

export interface Learner {
  id: string;
  displayName: string;
}

/** POST /api/classes (the server narrows versions to the ones it knows, and says which it does not). */
export interface NewClass {
  name: string;
  scenarioIds: string[];
  versions: Version[];
  examMinutes?: number | null;
}

export type Attempt = NonNullable<RosterRow['attempt']>;
export type LastResult = RosterRow['lastResults'][number];
export type ScoredStep = ScoreReport['steps'][number];

export interface Roster {
  class: ClassView;
  learners: RosterRow[];
}

export interface JoinAnswer {
  learner: Learner;
  class: ClassSummary;
}

/** roster:update on /instructor. */
export interface RosterUpdate {
  classId: string;
  row: RosterRow;
}

/** terminal:data on /instructor: a learner's shell output, the scrollback first. */
export interface WatchedTerminalData {
  learnerId: string;
  data: string;
}

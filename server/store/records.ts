// The plain records the store reads and writes. Times are ISO-8601 strings; ids are strings
// (check results and events, which only ever append, use SQLite's integer row ids).

export type Role = 'learner' | 'instructor';

export interface SessionRecord {
  /** sha256 hex of the cookie's session id: the raw id is a credential and never stored. */
  id: string;
  role: Role;
  learnerId: string | null;
  createdAt: string;
  lastSeenAt: string;
}

export interface ClassRecord {
  id: string;
  name: string;
  /** 8 characters from an unambiguous alphabet, unique among all classes. */
  joinCode: string;
  scenarioIds: string[];
  versions: string[];
  examMinutes: number | null;
  createdAt: string;
  closedAt: string | null;
}

export interface LearnerRecord {
  id: string;
  classId: string | null;
  displayName: string;
  createdAt: string;
}

export interface AttemptRecord {
  id: string;
  learnerId: string;
  scenarioId: string;
  version: string;
  startedAt: string;
  deadlineAt: string | null;
  endedAt: string | null;
  clusterName: string | null;
}

export interface CheckResultRecord {
  id: number;
  attemptId: string;
  /** One press of Check = one grading. */
  gradingId: string;
  trigger: 'learner' | 'instructor' | 'exam-end';
  step: number;
  checkId: string;
  title: string;
  type: string;
  passed: boolean;
  command: string;
  identity: string;
  output: string;
  expected: string;
  why: string;
  error: string | null;
  gradedAt: string;
}

export interface EventRecord {
  id: number;
  at: string;
  classId: string | null;
  learnerId: string | null;
  kind: string;
  /** Any JSON value. */
  detail: unknown;
}

export interface ClusterSnapshotRecord {
  clusterName: string;
  attemptId: string;
  runtime: 'embedded' | 'kind';
  /** JSON text, opaque to the store. */
  snapshot: string;
  updatedAt: string;
}

export interface InstructorSecretRecord {
  hash: string;
  createdAt: string;
  usedAt: string | null;
}

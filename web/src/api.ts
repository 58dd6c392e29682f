// The lab's REST API (docs/web-api.md). Every call is same-origin with the session cookie; every
// mutating call carries the CSRF token from GET /api/session. Failures become an ApiError holding
// the server's message and fix, so any view can show what happened and what to do.

import type {
  AccessMatrix,
  ApiErrorBody,
  ClassView,
  ExamState,
  Hints,
  JoinAnswer,
  KubeletDecision,
  Lab,
  NewClass,
  Roster,
  ScenarioDetail,
  ScenarioSummary,
  Session,
  ScoreReport,
  Solution,
  StepReport,
  Version,
} from './contract.js';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fix: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let csrf = '';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Kubelab-CSRF'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError('UNREACHABLE', 'The lab server did not answer.', 'Check that `kubelab start` is still running, then reload the page.', 0);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFrom(response.status, payload);
  return payload as T;
}

function errorFrom(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: Partial<ApiErrorBody> } | undefined)?.error;
  if (error?.message) return new ApiError(error.code ?? 'ERROR', error.message, error.fix ?? '', status);
  return new ApiError('BAD_ANSWER', `The lab server answered ${status} without an explanation.`, 'Look at the terminal where `kubelab start` runs for the cause, then reload the page.', status);
}

export async function loadSession(): Promise<Session> {
  const session = await call<Session>('GET', '/api/session');
  csrf = session.csrf;
  return session;
}

export const api = {
  scenarios: () => call<ScenarioSummary[]>('GET', '/api/scenarios'),
  /** The scenario's text for `version`; without one, for the version of the session's lab of it, else its first. */
  scenario: (id: string, version?: Version) => call<ScenarioDetail>('GET', `/api/scenarios/${encodeURIComponent(id)}${version ? `?version=${encodeURIComponent(version)}` : ''}`),
  /** The session's lab, or undefined when there is none. */
  lab: async (): Promise<Lab | undefined> => {
    try {
      return await call<Lab>('GET', '/api/lab');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NO_LAB') return undefined;
      throw e;
    }
  },
  startLab: (scenarioId: string, version: Version) => call<Lab>('POST', '/api/lab', { scenarioId, version }),
  resetLab: () => call<Lab>('POST', '/api/lab/reset'),
  check: (step: number) => call<StepReport>('POST', `/api/lab/steps/${step}/check`),
  hints: (step: number, count: number) => call<Hints>('GET', `/api/lab/steps/${step}/hints?count=${count}`),
  solution: (step: number) => call<Solution>('GET', `/api/lab/steps/${step}/solution`),
  decisions: (limit: number) => call<KubeletDecision[]>('GET', `/api/lab/decisions?limit=${limit}`),
  accessMatrix: (subject: string) => call<AccessMatrix>('POST', '/api/access-matrix', { subject }),

  // Classroom and exam mode
  claimInstructor: (secret: string) => call<{ role: 'instructor' }>('POST', '/api/instructor/claim', { secret }),
  classes: () => call<ClassView[]>('GET', '/api/classes'),
  createClass: (spec: NewClass) => call<ClassView>('POST', '/api/classes', spec),
  roster: (classId: string) => call<Roster>('GET', `${classPath(classId)}/roster`),
  grade: (classId: string, learnerId: string) => call<ScoreReport>('POST', `${classPath(classId)}/learners/${encodeURIComponent(learnerId)}/grade`),
  closeClass: (classId: string) => call<ClassView>('POST', `${classPath(classId)}/close`),
  join: (code: string, displayName: string) => call<JoinAnswer>('POST', '/api/join', { code, displayName }),
  exam: () => call<ExamState>('GET', '/api/exam'),
};

function classPath(classId: string): string {
  return `/api/classes/${encodeURIComponent(classId)}`;
}

/** Where a class's grades download from (a same-origin link, so the session cookie goes along). */
export function exportHref(classId: string, format: 'csv' | 'json'): string {
  return `${classPath(classId)}/export.${format}`;
}

// The error every route and socket handler answers with (docs/web-api.md): a status, a
// SNAKE_CASE code the front end can switch on, what happened, and what the learner can do.

export interface ErrorBody {
  error: { code: string; message: string; fix: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fix: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, fix: this.fix } };
  }
}

export const noSession = () =>
  new ApiError(401, 'NO_SESSION', 'This request carries no valid kubelab session cookie.', 'Reload the page: it calls GET /api/session, which starts a session.');

export const noLab = () => new ApiError(404, 'NO_LAB', 'No lab is running in this session.', 'Pick a scenario and a version, then press Start.');

export const scenarioNotFound = (id: string) =>
  new ApiError(404, 'SCENARIO_NOT_FOUND', `There is no scenario "${id}".`, 'Go back to the catalog and pick one of the scenarios listed there.');

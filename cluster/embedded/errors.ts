// Errors a caller can act on: the message says what was wrong and how to fix it.

/** The cluster spec is invalid; nothing was started. CLI exit code 2. */
export class InvalidClusterSpecError extends Error {}

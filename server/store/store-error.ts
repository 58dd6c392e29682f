// Why the store cannot be opened, with the fix: these reach the person starting kubelab.

export type StoreErrorCode = 'NOT_A_DATABASE' | 'LOCKED' | 'NEWER_SCHEMA';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    /** What happened. */
    readonly what: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(`${what} ${fix}`);
    this.name = 'StoreError';
  }
}

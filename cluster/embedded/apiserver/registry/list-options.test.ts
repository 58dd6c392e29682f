import { describe, expect, it } from 'vitest';
import { ApiError } from '../status.js';
import { listOptionsOf, validateListOptions } from './list-options.js';

/** The 422's message, or "" when the options pass. */
function verdict(query: string, watch: boolean, watchList = false): string {
  try {
    validateListOptions(listOptionsOf(new URLSearchParams(query), watch), watchList);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(422);
    return (e as ApiError).message;
  }
}

describe('list options, as ValidateListOptions judges them', () => {
  it('lets the requests kubectl sends through', () => {
    expect(verdict('limit=500', false)).toBe('');
    expect(verdict('resourceVersion=0&limit=500', false)).toBe('');
    expect(verdict('watch=true&resourceVersion=226&allowWatchBookmarks=true', true)).toBe('');
    expect(verdict('sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true', true, true)).toBe('');
  });

  it('refuses a streamed initial state where the WatchList gate is off, and on a plain list', () => {
    expect(verdict('sendInitialEvents=true&resourceVersionMatch=NotOlderThan', true, false)).toBe(
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
    );
    expect(verdict('sendInitialEvents=true', false)).toBe('ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list');
  });

  it('words resourceVersionMatch mistakes as upstream, several at once in brackets', () => {
    expect(verdict('resourceVersionMatch=Exact', false)).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
    expect(verdict('resourceVersion=0&resourceVersionMatch=Exact', false)).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    );
    expect(verdict('resourceVersion=5&resourceVersionMatch=Newest', false)).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""',
    );
    expect(verdict('sendInitialEvents=true', true, true)).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
    expect(verdict('resourceVersionMatch=Exact', true, true)).toBe(
      'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided, resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]',
    );
  });
});

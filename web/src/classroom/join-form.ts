// What the join form accepts before it asks the server: the server checks again (docs/web-api.md
// POST /api/join: a display name of 1-40 printable characters), this only saves a round trip.

/** Control and invisible format characters (Unicode Cc, Cf): the server refuses them too. */
const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** "abcd efgh", "ABCDEFGH" and " abcd-efgh " all become "ABCD-EFGH". */
export function normalizeJoinCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  return /^[A-Z0-9]{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4)}` : input.trim().toUpperCase();
}

export function displayNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter the name the instructor will see.';
  if ([...trimmed].length > 40) return 'Use at most 40 characters for your name.';
  if (CONTROL.test(trimmed)) return 'Use printable characters only in your name.';
  return undefined;
}

export function joinCodeProblem(code: string): string | undefined {
  if (!code) return 'Enter the join code your instructor shows, for example ABCD-EFGH.';
  if (!/^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code)) return 'A join code has eight letters or digits, written ABCD-EFGH.';
  return undefined;
}

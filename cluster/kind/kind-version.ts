// kind's version as `kind version` prints it ("kind v0.32.0 go1.24.2 linux/amd64", or with a
// pre-release "kind v0.33.0-alpha.12+0123456789abcd ..."), and the comparison with the oldest
// release a node image needs.

export interface KindVersion {
  major: number;
  minor: number;
  patch: number;
  /** e.g. "alpha.12"; empty for a release. */
  preRelease: string;
  /** As printed, e.g. "v0.32.0". */
  text: string;
}

const VERSION_LINE = /^kind (v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?)(?:\s|$)/;

/** The version in `kind version` output, or undefined when the output is not kind's. */
export function parseKindVersion(output: string): KindVersion | undefined {
  const m = VERSION_LINE.exec(output.trim());
  if (!m) return undefined;
  return { text: m[1]!, major: Number(m[2]), minor: Number(m[3]), patch: Number(m[4]), preRelease: m[5] ?? '' };
}

/** "v0.32.0" as a KindVersion; throws on a malformed table entry (a programming error). */
export function releaseVersion(text: string): KindVersion {
  const parsed = parseKindVersion(`kind ${text}`);
  if (!parsed) throw new Error(`not a kind release version: ${text}`);
  return parsed;
}

/**
 * Whether `found` is at least `needed`. A pre-release of a newer minor counts (it is built from
 * main after the release); a pre-release of the very release needed does not (semver).
 */
export function atLeast(found: KindVersion, needed: KindVersion): boolean {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (found[key] !== needed[key]) return found[key] > needed[key];
  }
  return found.preRelease === '' || needed.preRelease !== '';
}

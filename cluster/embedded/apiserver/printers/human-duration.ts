// apimachinery util/duration.HumanDuration and the printers' translateTimestampSince.
// Go converts durations with truncating integer division; Math.trunc reproduces that, so
// -1.5s is "0s" and -2s is "<invalid>" exactly as kube-apiserver prints a clock skew.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY_HOURS = 24;
const YEAR_HOURS = 24 * 365;

/** Go's zero time.Time (0001-01-01T00:00:00Z): metav1.Time.IsZero() is true for it. */
const ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** HumanDuration: ~2-3 significant figures, e.g. 90s, 5m30s, 47m, 3h20m, 20h, 3d4h, 400d, 2y30d. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  // Up to one second in the future counts as "now": clocks of two machines never agree exactly.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 2 * 60) return `${seconds}s`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 3 * 60) return `${minutes}m`;

  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;

  const days = Math.trunc(hours / DAY_HOURS);
  if (hours < 8 * DAY_HOURS) {
    const h = hours % DAY_HOURS;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 2 * YEAR_HOURS) return `${days}d`;

  const years = Math.trunc(hours / YEAR_HOURS);
  if (hours < 8 * YEAR_HOURS) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/**
 * Milliseconds since the epoch of a metav1.Time/MicroTime string, or undefined when the
 * timestamp is absent, unparsable or Go's zero time (all of which upstream treats as unset).
 */
export function parseTimestamp(timestamp: string | null | undefined): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms) || ms === ZERO_TIME_MS) return undefined;
  return ms;
}

/** translateTimestampSince: the AGE of a timestamp at `now`, or "<unknown>" when unset. */
export function translateTimestampSince(timestamp: string | null | undefined, now: Date): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}

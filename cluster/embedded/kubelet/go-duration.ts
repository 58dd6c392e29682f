// Go's time.ParseDuration and time.Duration.String(), byte for byte. KubeletConfiguration
// durations are metav1.Duration: parsed with ParseDuration, written back with String(), so
// `cacheTTL: 2m` in a config file reads back from /configz as "2m0s".
// Nanoseconds are bigints: an int64 of nanoseconds does not fit a JS number exactly.

const NANOSECOND = 1n;
const MICROSECOND = 1000n * NANOSECOND;
const MILLISECOND = 1000n * MICROSECOND;
const SECOND = 1000n * MILLISECOND;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;

const UNITS: Readonly<Record<string, bigint>> = {
  ns: NANOSECOND,
  us: MICROSECOND,
  'µs': MICROSECOND, // U+00B5 micro sign
  'μs': MICROSECOND, // U+03BC Greek letter mu
  ms: MILLISECOND,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

const INT64_LIMIT = 1n << 63n;

export type DurationParse = { ok: true; nanoseconds: bigint } | { ok: false; message: string };

/** The time package's own quote(): `"` and `\` escaped, bytes outside printable ASCII as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const char of s) {
    const code = char.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(char)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += char === '"' || char === '\\' ? `\\${char}` : char;
    }
  }
  return `${out}"`;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * leadingFraction plus the float64 scaling ParseDuration applies: digits that would overflow
 * are ignored, and f*(unit/scale) is truncated, so the last nanosecond matches Go's.
 */
function scaledFraction(digits: string, unit: bigint): bigint {
  let f = 0n;
  let scale = 1;
  for (const digit of digits) {
    if (f > INT64_LIMIT / 10n) break;
    f = f * 10n + BigInt(digit);
    scale *= 10;
  }
  return BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
}

/** time.ParseDuration: a sequence of decimal numbers with units, e.g. "300ms", "-1.5h", "2h45m". */
export function parseGoDuration(text: string): DurationParse {
  const invalid = (): DurationParse => ({ ok: false, message: `time: invalid duration ${timeQuote(text)}` });
  let rest = text;
  let negative = false;
  if (rest[0] === '-' || rest[0] === '+') {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return { ok: true, nanoseconds: 0n };
  if (rest === '') return invalid();

  let total = 0n;
  while (rest !== '') {
    if (!(rest[0] === '.' || isDigit(rest[0]))) return invalid();
    let i = 0;
    while (isDigit(rest[i])) i++;
    const whole = rest.slice(0, i);
    rest = rest.slice(i);
    let fraction = '';
    if (rest[0] === '.') {
      let j = 1;
      while (isDigit(rest[j])) j++;
      fraction = rest.slice(1, j);
      rest = rest.slice(j);
    }
    if (whole === '' && fraction === '') return invalid(); // e.g. ".s"

    let u = 0;
    while (u < rest.length && rest[u] !== '.' && !isDigit(rest[u])) u++;
    if (u === 0) return { ok: false, message: `time: missing unit in duration ${timeQuote(text)}` };
    const unitName = rest.slice(0, u);
    rest = rest.slice(u);
    const unit = UNITS[unitName];
    if (unit === undefined) {
      return { ok: false, message: `time: unknown unit ${timeQuote(unitName)} in duration ${timeQuote(text)}` };
    }

    let value = BigInt(whole === '' ? '0' : whole);
    if (value > INT64_LIMIT / unit) return invalid();
    value *= unit;
    if (fraction !== '') {
      value += scaledFraction(fraction, unit);
      if (value > INT64_LIMIT) return invalid();
    }
    total += value;
    if (total > INT64_LIMIT) return invalid();
  }
  if (negative) return { ok: true, nanoseconds: -total };
  if (total > INT64_LIMIT - 1n) return invalid();
  return { ok: true, nanoseconds: total };
}

/** v/10^precision with trailing zeros (and a bare point) dropped, as fmtFrac does. */
function fraction(value: bigint, precision: number): { text: string; rest: bigint } {
  const scale = 10n ** BigInt(precision);
  const digits = (value % scale).toString().padStart(precision, '0').replace(/0+$/, '');
  return { text: digits === '' ? '' : `.${digits}`, rest: value / scale };
}

/** time.Duration.String(): "2m0s", "30s", "1h0m0s", "100ms", "0s". */
export function formatGoDuration(nanoseconds: bigint): string {
  const negative = nanoseconds < 0n;
  const u = negative ? -nanoseconds : nanoseconds;
  let text: string;
  if (u === 0n) {
    text = '0s';
  } else if (u < SECOND) {
    const [precision, unit] = u < MICROSECOND ? [0, 'ns'] : u < MILLISECOND ? [3, 'µs'] : [6, 'ms'];
    const { text: frac, rest } = fraction(u, precision);
    text = `${rest}${frac}${unit}`;
  } else {
    const { text: frac, rest: seconds } = fraction(u, 9);
    const minutes = seconds / 60n;
    const hours = minutes / 60n;
    text = `${seconds % 60n}${frac}s`;
    if (minutes > 0n) text = `${minutes % 60n}m${text}`;
    if (hours > 0n) text = `${hours}h${text}`;
  }
  return negative ? `-${text}` : text;
}

// Query parameters as kube-apiserver's parameter codec converts them into option objects
// (PodLogOptions, PodExecOptions, ...): the generated url.Values conversions read the first value
// of a parameter, and their errors become a 400 with the converter's own text.

import { goQuote } from '../authorization/go-quote.js';
import { badRequest } from '../status.js';

/** runtime.Convert_Slice_string_To_bool: only absence, "0" and "false" (any case) are false. */
export function queryBool(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  return value !== '0' && value.toLowerCase() !== 'false';
}

/** runtime.Convert_Slice_string_To_Pointer_int64 (strconv.ParseInt(s, 10, 64)). */
export function queryInt64(query: URLSearchParams, name: string): bigint | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^[+-]?\d+$/.test(value)) throw badRequest(`strconv.ParseInt: parsing ${goQuote(value)}: invalid syntax`);
  const parsed = BigInt(value);
  if (parsed > 0x7fffffffffffffffn || parsed < -0x8000000000000000n) throw badRequest(`strconv.ParseInt: parsing ${goQuote(value)}: value out of range`);
  return parsed;
}

/** runtime.Convert_Slice_string_To_Slice_int32: every value, comma-separated ports (strconv.ParseUint(v, 10, 16)). */
export function queryPorts(query: URLSearchParams, name: string): number[] {
  const ports: number[] = [];
  for (const value of query.getAll(name)) {
    for (const part of value.split(',')) {
      if (!/^\d+$/.test(part)) throw badRequest(`cannot convert to []int32: strconv.ParseUint: parsing ${goQuote(part)}: invalid syntax`);
      if (Number(part) > 0xffff) throw badRequest(`cannot convert to []int32: strconv.ParseUint: parsing ${goQuote(part)}: value out of range`);
      ports.push(Number(part));
    }
  }
  return ports;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/** One element of Go's RFC3339 layout: how much of the value it takes, if it matches at all. */
interface LayoutElement {
  layout: string;
  match: RegExp;
  /** time.Parse's range check, e.g. "month" for month 13. */
  range?: { name: string; min: number; max: number };
}

const ELEMENTS: LayoutElement[] = [
  { layout: '2006', match: /^\d{4}/ },
  { layout: '-', match: /^-/ },
  { layout: '01', match: /^\d{2}/, range: { name: 'month', min: 1, max: 12 } },
  { layout: '-', match: /^-/ },
  { layout: '02', match: /^\d{2}/, range: { name: 'day', min: 1, max: 31 } },
  { layout: 'T', match: /^T/ },
  { layout: '15', match: /^\d{2}/, range: { name: 'hour', min: 0, max: 23 } },
  { layout: ':', match: /^:/ },
  { layout: '04', match: /^\d{2}/, range: { name: 'minute', min: 0, max: 59 } },
  { layout: ':', match: /^:/ },
  // Go accepts fractional seconds after the seconds even when the layout has none.
  { layout: '05', match: /^\d{2}(?:[.,]\d+)?/, range: { name: 'second', min: 0, max: 59 } },
  { layout: 'Z07:00', match: /^(?:Z|[+-]\d{2}:\d{2})/ },
];

/**
 * metav1.Time.UnmarshalQueryParameter: time.Parse(time.RFC3339, value), with Go's error texts.
 * Returns the instant as RFC 3339 in UTC without fractions (what Time.Format(RFC3339) prints on
 * an API server running in UTC), or undefined for an empty or "null" value.
 */
export function queryTime(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  if (value === null || value === '' || value === 'null') return undefined;
  const fail = (detail: string) => badRequest(`parsing time ${goQuote(value)}${detail}`);
  let rest = value;
  for (const element of ELEMENTS) {
    const taken = element.match.exec(rest)?.[0];
    if (taken === undefined) throw fail(` as ${goQuote(RFC3339)}: cannot parse ${goQuote(rest)} as ${goQuote(element.layout)}`);
    const n = Number(taken.slice(0, 2));
    if (element.range && (n < element.range.min || n > element.range.max)) throw fail(`: ${element.range.name} out of range`);
    rest = rest.slice(taken.length);
  }
  if (rest !== '') throw fail(`: extra text: ${goQuote(rest)}`);
  const [year, month, day] = [Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
  // daysIn(month, year): day 31 of a 30-day month passes the element's range but not this.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) throw fail(': day out of range');
  return new Date(value.replace(',', '.')).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

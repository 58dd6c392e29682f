// How Go prints decoded JSON (map[string]interface{}, []interface{}, int64, float64...) with %v
// and reflect.TypeOf: upstream patch errors embed values this way, e.g.
// `map: map[image:nginx] does not contain declared merge key: name`.

import { isJsonObject, type JsonValue } from './json.js';

/** fmt.Sprintf("%v", v) for a value decoded with integers kept as int64 (as the apiserver does). */
export function goFormat(value: JsonValue): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(value[k]!)}`).join(' ')}]`;
  }
  if (typeof value === 'number') return goNumber(value);
  return String(value);
}

/** reflect.TypeOf(v).String(); Go prints a nil type as %!s(<nil>). */
export function goTypeName(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (Array.isArray(value)) return '[]interface {}';
  if (isJsonObject(value)) return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

/** %s of a non-string: fmt's complaint format, e.g. %!s(int64=5). */
export function goString(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return '%!s(<nil>)';
  return `%!s(${goTypeName(value)}=${goFormat(value)})`;
}

function goNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // %v is strconv's 'g' with shortest precision: exponent form when the exponent is < -4 or >= 6.
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

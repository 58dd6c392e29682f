// Long outputs (a /pods list, a role dump) are shortened for the report, keeping the start.

const MAX_OUTPUT = 1500;

export function shorten(text: string, max = MAX_OUTPUT): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

export function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

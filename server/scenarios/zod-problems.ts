// Turns zod issues into Problems an author can act on: the line of the offending value, a plain
// message, and a fix taken from the field's description in schema.ts.

import { z } from 'zod';
import { problem, type Problem } from './problems.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/**
 * Validates `value` (found at `base` inside `source`) and returns the parsed value or every
 * problem. `lineOf` lets a caller point some paths elsewhere (a per-version override).
 */
export function validateWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  source: YamlSource,
  base: YamlPath,
  lineOf: (path: YamlPath) => number = (path) => source.lineOf([...base, ...path]),
): { ok: true; value: T } | { ok: false; problems: Problem[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => issueProblem(schema, issue, source.file, lineOf, base));
  return { ok: false, problems };
}

function issueProblem(schema: z.ZodType, issue: z.core.$ZodIssue, file: string, lineOf: (p: YamlPath) => number, base: YamlPath): Problem {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const where = [...base, ...path].join('.') || '(top level)';
  const field = fieldAt(schema, path);
  const description = field?.description;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(fieldAt(schema, path));
      return problem(
        file,
        lineOf([...path, issue.keys[0] ?? '']),
        `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${where}`,
        allowed.length ? `remove it or correct the spelling; allowed here: ${allowed.join(', ')}` : 'remove it or correct the spelling',
      );
    }
    case 'invalid_type': {
      const missing = issue.message.includes('received undefined');
      if (missing) return problem(file, lineOf(path), `missing required field ${where}`, `add ${String(path.at(-1))}: ${description ?? `a ${issue.expected}`}`);
      if (issue.expected === 'string' && issue.message.includes('received object')) {
        return problem(file, lineOf(path), `${where} must be text, but YAML read a mapping`, 'put the text in quotes: unquoted text containing ": " becomes a key and a value');
      }
      return problem(file, lineOf(path), `${where} must be ${article(issue.expected)}`, description ? `write ${description}` : `write ${article(issue.expected)} here`);
    }
    case 'invalid_value':
      return problem(file, lineOf(path), `${where} has a value that is not allowed`, issue.message.startsWith('Invalid') ? `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message);
    case 'invalid_union':
      return problem(file, lineOf(path), `${where} does not match any accepted form`, description ? `write ${description}` : 'see docs/scenarios.md for the accepted forms');
    default:
      // Our own messages (regex, refine, min) already say what to write.
      return problem(file, lineOf(path), `${where}: ${issue.message}`, description ? `write ${description}` : 'see docs/scenarios.md');
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** The schema of the field at `path`, or undefined when the path leaves the schema. */
function fieldAt(schema: z.ZodType, path: readonly (string | number)[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(key)];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return undefined;
  }
  return current;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

function allowedKeys(schema: z.ZodType | undefined): string[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return Object.keys(s.shape);
  if (s instanceof z.ZodRecord && s.keyType instanceof z.ZodEnum) return (s.keyType.options as string[]).map((k) => `"${k}"`);
  return [];
}

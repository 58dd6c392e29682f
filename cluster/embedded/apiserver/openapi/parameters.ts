// The query and path parameters of the generated operations, inline in each operation as
// kube-apiserver writes them. kubectl's field-validation check looks for "fieldValidation"
// by name among a PATCH operation's own parameters.

import type { JsonSchema } from './schema-dsl.js';

type Parameter = JsonSchema;

function query(name: string, description: string, type: 'string' | 'integer' | 'boolean'): Parameter {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

function path(name: string, description: string): Parameter {
  return { name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } };
}

export const PRETTY = query('pretty', "If 'true', the output is indented.", 'string');
export const NAMESPACE = path('namespace', 'Namespace of the object.');
export const nameParameter = (kind: string): Parameter => path('name', `Name of the ${kind}.`);

const DRY_RUN = query(
  'dryRun',
  'When present, the server runs every stage of the request but does not persist the result. The only valid value is All.',
  'string',
);
const FIELD_MANAGER = query(
  'fieldManager',
  'Name of the actor making the change, recorded in managedFields. At most 128 printable characters.',
  'string',
);
const FIELD_VALIDATION = query(
  'fieldValidation',
  'What the server does with unknown or duplicate fields in the body: Ignore drops them silently, Warn drops ' +
    'them and returns a warning for each, Strict rejects the request. kubectl sends Strict unless --validate ' +
    'says otherwise.',
  'string',
);
const FORCE = query(
  'force',
  'Server-side apply only: take over fields owned by other managers instead of failing with a conflict.',
  'boolean',
);

export const WRITE_PARAMETERS: readonly Parameter[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
export const PATCH_PARAMETERS: readonly Parameter[] = [...WRITE_PARAMETERS, FORCE];

export const LIST_PARAMETERS: readonly Parameter[] = [
  query('labelSelector', 'Only return objects whose labels match this selector.', 'string'),
  query('fieldSelector', 'Only return objects whose fields match this selector, e.g. metadata.name=x.', 'string'),
  query('limit', 'Most objects to return; continue with the token in metadata.continue.', 'integer'),
  query('continue', 'Token from a previous page, to fetch the next one.', 'string'),
  query('resourceVersion', 'Which version of the collection to read or to watch from.', 'string'),
  query('watch', 'Stream changes instead of returning a list.', 'boolean'),
  query('timeoutSeconds', 'Stop a list or watch after this many seconds.', 'integer'),
];

export const DELETE_PARAMETERS: readonly Parameter[] = [
  DRY_RUN,
  query('gracePeriodSeconds', 'Seconds the object is given to terminate; 0 deletes immediately.', 'integer'),
  query('propagationPolicy', 'What happens to dependents: Orphan, Background or Foreground.', 'string'),
];

// ValidateListOptions of k8s.io/apimachinery (meta/internalversion/validation), run by the list
// and watch handlers before anything is read: resourceVersionMatch and sendInitialEvents rules.
// The WatchList gate decides whether a watch may ask for its initial state as a stream
// (sendInitialEvents=true): off on 1.31 and 1.33, on from 1.34. With it off, kubectl 1.35's
// reflector (`kubectl wait`) gets the 422 and falls back to list-then-watch, as on a real server.

import { invalid, type FieldError } from '../status.js';

const NOT_OLDER_THAN = 'NotOlderThan';
const EXACT = 'Exact';

export interface ListOptionsView {
  watch: boolean;
  resourceVersion: string;
  resourceVersionMatch: string;
  continueToken: string;
  /** undefined when the parameter is absent (Go's nil *bool). */
  sendInitialEvents: boolean | undefined;
}

export function listOptionsOf(query: URLSearchParams, watch: boolean): ListOptionsView {
  const send = query.get('sendInitialEvents');
  return {
    watch,
    resourceVersion: query.get('resourceVersion') ?? '',
    resourceVersionMatch: query.get('resourceVersionMatch') ?? '',
    continueToken: query.get('continue') ?? '',
    // Go's query decoder reads a bool with strconv.ParseBool; anything else but "true"-likes is false here.
    sendInitialEvents: send === null ? undefined : ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(send),
  };
}

const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail: `Forbidden: ${detail}` });
const notSupported = (field: string, value: string, supported: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  detail: `Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
});

/** Throws the 422 a real API server answers with; returns quietly for valid options. */
export function validateListOptions(o: ListOptionsView, watchListEnabled: boolean): void {
  const errors = o.watch ? watchErrors(o, watchListEnabled) : listErrors(o);
  if (errors.length) throw invalid('meta.k8s.io', 'ListOptions', '', errors);
}

function listErrors(o: ListOptionsView): FieldError[] {
  const errors: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (match) {
    if (!o.resourceVersion) errors.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (o.continueToken) errors.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== EXACT && match !== NOT_OLDER_THAN) errors.push(notSupported('resourceVersionMatch', match, [EXACT, NOT_OLDER_THAN, '']));
    if (match === EXACT && o.resourceVersion === '0') errors.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (o.sendInitialEvents !== undefined) errors.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return errors;
}

function watchErrors(o: ListOptionsView, watchListEnabled: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (o.sendInitialEvents !== undefined) {
    if (match !== NOT_OLDER_THAN) errors.push(forbidden('resourceVersionMatch', `sendInitialEvents requires setting resourceVersionMatch to ${NOT_OLDER_THAN}`));
    if (!watchListEnabled) errors.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled'));
  }
  if (match) {
    if (o.sendInitialEvents === undefined) errors.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
    if (match !== NOT_OLDER_THAN) errors.push(notSupported('resourceVersionMatch', match, [NOT_OLDER_THAN]));
    if (o.continueToken) errors.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
  }
  return errors;
}

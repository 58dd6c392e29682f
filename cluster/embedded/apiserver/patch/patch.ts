// The PATCH front door: picks the engine by Content-Type and answers with the patched object or
// the error kube-apiserver's patch handler (endpoints/handlers/patch.go) would send.
//
// The caller (the registry) keeps what needs storage and admission: fetching the live object,
// name and namespace checks, validation, resourceVersion and writing. For non-apply patches the
// returned object already carries the `Update` managed-fields entry of `fieldManager`; for apply
// patches the `Apply` entry.

import { parse as parseYaml } from 'yaml';
import { applyJsonPatch, decodeJsonPatch, goJsonKind, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js';
import { mergePatch } from './json-merge-patch.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { recordUpdate } from './managed-fields.js';
import { badRequest, invalid, rejected, type PatchError, type PatchResult } from './patch-error.js';
import { kindMeta } from './patch-meta.js';
import { serverSideApply } from './server-side-apply.js';
import { strategicMergePatch } from './strategic-merge-patch.js';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** The order kube-apiserver lists them in its 415 answer (CBOR apply needs a gate we never enable). */
export const PATCH_CONTENT_TYPES = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH] as const;

export interface PatchOptions {
  /** Kind of the patched resource; selects the patch metadata. */
  kind: string;
  /** group/version of the endpoint; defaults to the live object's apiVersion. */
  apiVersion?: string;
  /**
   * The fieldManager query parameter, or what the apiserver falls back to (the user agent up to
   * its first "/"). Required for apply; without it other patches record no managed fields.
   */
  fieldManager?: string;
  /** The force query parameter (apply only). */
  force?: boolean;
  now?: Date;
}

/**
 * Applies a PATCH body to `live` (for an apply that creates, a stub with apiVersion, kind and
 * metadata.name). Never modifies `live`; never throws for anything a client can send.
 */
export function applyPatch(
  contentType: string,
  live: Record<string, unknown>,
  body: string | Uint8Array,
  options: PatchOptions,
): PatchResult {
  const type = mediaType(contentType);
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  // Through JSON once, so the engines see plain JSON whatever the store keeps (undefined, Dates).
  const current = JSON.parse(JSON.stringify(live)) as JsonObject;
  const now = options.now ?? new Date();
  const apiVersion = options.apiVersion ?? (typeof current.apiVersion === 'string' ? current.apiVersion : '');

  let patched: Outcome<JsonValue>;
  switch (type) {
    case JSON_PATCH:
      patched = jsonPatch(current, text);
      break;
    case MERGE_PATCH:
      patched = jsonMergePatch(current, text);
      break;
    case STRATEGIC_MERGE_PATCH:
      patched = strategicPatch(current, text, options.kind);
      break;
    case APPLY_PATCH:
      return applyConfiguration(current, text, { ...options, apiVersion, now });
    default:
      return { error: unsupportedMediaType() };
  }
  if ('error' in patched) return patched;
  const decoded = asObject(patched.value, options.kind);
  if ('error' in decoded) return decoded;
  const object = decoded.value;
  if (options.fieldManager === undefined) return { object };
  return { object: recordUpdate(current, object, { manager: options.fieldManager, kind: options.kind, apiVersion, now }) };
}

type Outcome<T> = { value: T } | { error: PatchError };

/** The handler drops "; charset=..." and nothing else: no trimming, no case folding. */
function mediaType(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return semicolon > 0 ? contentType.slice(0, semicolon) : contentType;
}

function unsupportedMediaType(): PatchError {
  return {
    code: 415,
    reason: 'UnsupportedMediaType',
    message: `the body of the request was in an unknown format - accepted media types include: ${PATCH_CONTENT_TYPES.join(', ')}`,
  };
}

function jsonPatch(live: JsonObject, text: string): Outcome<JsonValue> {
  const body = parseJson(text);
  if ('syntaxError' in body) return { error: badRequest(`error decoding patch: ${body.syntaxError}`) };
  const decoded = decodeJsonPatch(body.value);
  if ('error' in decoded) return { error: badRequest(`error decoding patch: ${decoded.error}`) };
  if (decoded.operations.length > MAX_JSON_PATCH_OPERATIONS) {
    const message = `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${decoded.operations.length}`;
    return { error: { code: 413, reason: 'RequestEntityTooLarge', message } };
  }
  const outcome = applyJsonPatch(live, decoded.operations);
  return 'failure' in outcome ? { error: rejected(outcome.failure) } : outcome;
}

function jsonMergePatch(live: JsonObject, text: string): Outcome<JsonValue> {
  const body = parseJson(text);
  if ('syntaxError' in body) return { error: badRequest(`error decoding patch: ${body.syntaxError}`) };
  if (body.value === null) return { error: badRequest('Invalid JSON Patch') };
  if (!isJsonObject(body.value)) return { error: badRequest(`error decoding patch: ${cannotUnmarshalIntoMap(body.value)}`) };
  return { value: mergePatch(live, body.value) };
}

function strategicPatch(live: JsonObject, text: string, kind: string): Outcome<JsonValue> {
  const body = parseJson(text);
  if ('syntaxError' in body) return { error: badRequest(body.syntaxError) };
  if (body.value !== null && !isJsonObject(body.value)) return { error: badRequest(cannotUnmarshalIntoMap(body.value)) };
  return strategicMergePatch(live, body.value, kindMeta(kind));
}

function applyConfiguration(live: JsonObject, text: string, options: PatchOptions & { apiVersion: string; now: Date }): PatchResult {
  if (!options.fieldManager) {
    return {
      error: invalid('meta.k8s.io', 'PatchOptions', '', {
        reason: 'FieldValueRequired',
        field: 'fieldManager',
        detail: 'Required value: is required for apply patch',
      }),
    };
  }
  const config = parseYamlObject(text);
  if ('error' in config) return config;
  const outcome = serverSideApply(live, config.value, {
    manager: options.fieldManager,
    force: options.force ?? false,
    kind: options.kind,
    apiVersion: options.apiVersion,
    now: options.now,
  });
  return 'error' in outcome ? outcome : { object: outcome.object };
}

/** sigs.k8s.io/yaml into map[string]interface{}: an empty or null document is an empty map. */
function parseYamlObject(text: string): Outcome<JsonObject> {
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100, logLevel: 'error' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { error: badRequest(`error decoding YAML: error converting YAML to JSON: yaml: ${reason}`) };
  }
  // Through JSON, as sigs.k8s.io/yaml goes: YAML-only values (.inf, .nan) become null.
  const json = JSON.parse(JSON.stringify(value ?? {})) as JsonValue;
  if (!isJsonObject(json)) {
    return { error: badRequest(`error decoding YAML: error unmarshaling JSON: while decoding JSON: ${cannotUnmarshalIntoMap(json)}`) };
  }
  return { value: json };
}

function cannotUnmarshalIntoMap(value: JsonValue): string {
  return `json: cannot unmarshal ${goJsonKind(value)} into Go value of type map[string]interface {}`;
}

/**
 * The patched document must decode into the kind's Go type: a non-object fails as upstream's
 * decoder does (422 on field "patch"), and a missing or null metadata is an empty ObjectMeta.
 */
function asObject(value: JsonValue, kind: string): Outcome<JsonObject> {
  if (!isJsonObject(value)) {
    return patchInvalid(
      value,
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonKind(value)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  const metadata = value.metadata;
  if (metadata === undefined || metadata === null) return { value: { ...value, metadata: {} } };
  if (!isJsonObject(metadata)) {
    return patchInvalid(value, `json: cannot unmarshal ${goJsonKind(metadata)} into Go struct field ${kind}.metadata of type v1.ObjectMeta`);
  }
  return { value };
}

/** NewInvalid(GroupKind{}, "", patch: Invalid value: "<patched json>": <decode error>). */
function patchInvalid(patched: JsonValue, decodeError: string): { error: PatchError } {
  return {
    error: invalid('', '', '', {
      reason: 'FieldValueInvalid',
      field: 'patch',
      detail: `Invalid value: ${JSON.stringify(JSON.stringify(patched))}: ${decodeError}`,
    }),
  };
}

function parseJson(text: string): { value: JsonValue } | { syntaxError: string } {
  try {
    return { value: JSON.parse(text) as JsonValue };
  } catch (error) {
    return { syntaxError: goSyntaxError(text, error) };
  }
}

/**
 * encoding/json's wording for the common cases (empty or truncated input, a bad first character);
 * other malformed input keeps the JavaScript parser's description.
 */
function goSyntaxError(text: string, error: unknown): string {
  const trimmed = text.trimStart();
  const message = error instanceof Error ? error.message : String(error);
  if (trimmed === '' || /Unexpected end of JSON input/.test(message)) return 'unexpected end of JSON input';
  const first = trimmed[0]!;
  if (!/[{["\-0-9tfn]/.test(first)) return `invalid character '${first}' looking for beginning of value`;
  return message;
}

// Core kinds: Namespace, Secret, ServiceAccount, ConfigMap defaults and validation, as the
// kube-apiserver strategies of pkg/registry/core/* apply them.

import type { KubeObject } from '../../types.js';
import type { FieldError } from '../../status.js';
import type { Strategy } from '../strategy.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const namespaceStrategy: Strategy = {
  prepareForCreate(obj) {
    const name = obj.metadata.name ?? '';
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': name };
    obj.spec = { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(obj, old) {
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': old.metadata.name ?? '' };
    obj.spec = old.spec;
    obj.status = old.status;
  },
  validate: (obj) => nameErrors(obj, DNS1123_LABEL, 63, 'a lowercase RFC 1123 label', "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
};

export const serviceAccountStrategy: Strategy = {
  validate: (obj) => subdomainName(obj),
};

export const configMapStrategy: Strategy = {
  validate: (obj) => subdomainName(obj),
};

export const secretStrategy: Strategy = {
  prepareForCreate: normalizeSecret,
  prepareForUpdate: normalizeSecret,
  validate: (obj) => subdomainName(obj),
};

/** stringData is write-only: merged into data (base64) and dropped, as the Secret strategy does. */
function normalizeSecret(obj: KubeObject): void {
  const stringData = obj.stringData as Record<string, string> | undefined;
  if (stringData) {
    const data = { ...((obj.data as Record<string, string> | undefined) ?? {}) };
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
    obj.data = data;
    delete obj.stringData;
  }
  if (!obj.type) obj.type = 'Opaque';
}

function subdomainName(obj: KubeObject): FieldError[] {
  return nameErrors(obj, DNS1123_SUBDOMAIN, 253, 'a lowercase RFC 1123 subdomain', "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
}

function nameErrors(obj: KubeObject, pattern: RegExp, max: number, what: string, rule: string): FieldError[] {
  const name = obj.metadata.name;
  if (!name) return [];
  const errors: FieldError[] = [];
  if (name.length > max) {
    errors.push({ type: 'FieldValueInvalid', field: 'metadata.name', detail: `Invalid value: "${name}": must be no more than ${max} characters` });
  }
  if (!pattern.test(name)) {
    errors.push({ type: 'FieldValueInvalid', field: 'metadata.name', detail: `Invalid value: "${name}": ${what} ${rule}` });
  }
  return errors;
}

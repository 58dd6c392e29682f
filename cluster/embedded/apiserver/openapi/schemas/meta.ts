// Shared apimachinery types: object and list metadata, label selectors, and the scalar types
// (Time, Quantity, IntOrString) that travel as strings or numbers.

import type { TypeDef } from '../schema-dsl.js';
import {
  META,
  boolean,
  field,
  int32,
  int64,
  listOf,
  mapOf,
  objectType,
  ref,
  scalarType,
  string,
  time,
  typeMetaFields,
} from '../schema-dsl.js';

export const metaTypes: readonly TypeDef[] = [
  objectType(`${META}ObjectMeta`, 'Metadata every persisted object carries, whether users set it or the server fills it in.', {
    name: field(
      'Unique name of the object within its namespace (or within the cluster for cluster-scoped kinds). ' +
        'Required on create unless generateName is set, and immutable afterwards.',
      string,
    ),
    generateName: field(
      'Prefix the server uses to make up a unique name when name is empty. The server appends a random suffix.',
      string,
    ),
    namespace: field(
      'Namespace the object lives in. Empty for cluster-scoped kinds; defaults to "default" for namespaced ones.',
      string,
    ),
    selfLink: field('Deprecated and no longer set by the server; kept so old manifests still decode.', string),
    uid: field('Unique identifier the server assigns on creation. It never changes and is never reused.', string),
    resourceVersion: field(
      'Opaque version of this object, changed on every write. Clients pass it back for optimistic concurrency ' +
        'and for watches; they must not interpret it.',
      string,
    ),
    generation: field('Sequence number of changes to the desired state, maintained by the server.', int64),
    creationTimestamp: field('When the server created the object (RFC 3339, UTC). Read-only.', time),
    deletionTimestamp: field(
      'When the object will be deleted. Set by the server once a graceful delete is requested; read-only.',
      time,
    ),
    deletionGracePeriodSeconds: field('Seconds the object is given to terminate gracefully before removal.', int64),
    labels: field(
      'Key/value pairs used to organise and select objects (label selectors, services, RBAC aggregation).',
      mapOf(string),
    ),
    annotations: field(
      'Non-identifying key/value data for tools, such as kubectl.kubernetes.io/last-applied-configuration.',
      mapOf(string),
    ),
    ownerReferences: field(
      'Objects this one depends on. When every owner is gone, the garbage collector deletes this object.',
      listOf(ref(`${META}OwnerReference`)),
    ),
    finalizers: field(
      'Names of pending clean-up steps. The object is only removed once this list is empty.',
      listOf(string),
    ),
    managedFields: field(
      'Which field manager owns which fields, as recorded by server-side apply. Normally left alone by users.',
      listOf(ref(`${META}ManagedFieldsEntry`)),
    ),
  }),
  objectType(`${META}ListMeta`, 'Metadata of a list response.', {
    resourceVersion: field('Version of the collection at the time of the list; start a watch from it.', string),
    continue: field('Token for the next page when the list was cut by a limit. Empty on the last page.', string),
    remainingItemCount: field('How many items were left out after this page, when the server can tell.', int64),
  }),
  objectType(`${META}OwnerReference`, 'Points at an object that owns this one, within the same namespace.', {
    apiVersion: field('API version of the owner.', string, { required: true }),
    kind: field('Kind of the owner.', string, { required: true }),
    name: field('Name of the owner.', string, { required: true }),
    uid: field('UID of the owner; the reference only holds while it matches.', string, { required: true }),
    controller: field('True when the owner is the managing controller. At most one owner may say so.', boolean),
    blockOwnerDeletion: field(
      'When true, foreground deletion of the owner waits for this object to be removed first.',
      boolean,
    ),
  }),
  objectType(`${META}ManagedFieldsEntry`, 'One field manager and the set of fields it owns.', {
    manager: field('Name of the field manager, e.g. kubectl-client-side-apply.', string),
    operation: field('Whether the fields were set by Apply or by Update.', string),
    apiVersion: field('Version of the object the field set refers to.', string),
    time: field('When these fields were last changed by this manager.', time),
    fieldsType: field('Format of fieldsV1; always FieldsV1.', string),
    fieldsV1: field('The owned fields, as a trie of field paths.', ref(`${META}FieldsV1`)),
    subresource: field('Subresource the change was made through, empty for the main resource.', string),
  }),
  objectType(`${META}FieldsV1`, 'A set of field paths encoded as a JSON trie (see server-side apply).', {}),
  objectType(`${META}LabelSelector`, 'Selects objects by labels. All terms must match; an empty selector matches everything.', {
    matchLabels: field('Labels that must all be present with exactly these values.', mapOf(string)),
    matchExpressions: field(
      'Set-based requirements (In, NotIn, Exists, DoesNotExist), all of which must hold.',
      listOf(ref(`${META}LabelSelectorRequirement`)),
    ),
  }),
  objectType(`${META}LabelSelectorRequirement`, 'One set-based label requirement.', {
    key: field('Label key the requirement is about.', string, { required: true }),
    operator: field('How the key relates to the values: In, NotIn, Exists or DoesNotExist.', string, { required: true }),
    values: field('Values for In and NotIn; must be empty for Exists and DoesNotExist.', listOf(string)),
  }),
  objectType(`${META}Status`, 'The result of an operation that returns no object: a deletion, or any error.', {
    ...typeMetaFields(),
    metadata: field('List metadata; normally empty.', ref(`${META}ListMeta`)),
    status: field('Success or Failure.', string),
    message: field('What happened, for people.', string),
    reason: field('Machine-readable cause, e.g. NotFound, Forbidden, AlreadyExists, Invalid.', string),
    details: field('The object concerned and, for Invalid, the failing fields.', ref(`${META}StatusDetails`)),
    code: field('The HTTP status code.', int32),
  }),
  objectType(`${META}StatusDetails`, 'The object a Status is about.', {
    name: field('Name of the object.', string),
    group: field('API group of the object.', string),
    kind: field('Kind or resource of the object.', string),
    uid: field('UID of the object.', string),
    causes: field('Individual failures, such as invalid fields.', listOf(ref(`${META}StatusCause`))),
    retryAfterSeconds: field('Seconds to wait before retrying, when the server says so.', int32),
  }),
  objectType(`${META}StatusCause`, 'One reason an operation failed.', {
    reason: field('Machine-readable reason, e.g. FieldValueRequired.', string),
    message: field('What is wrong, for people.', string),
    field: field('The offending field, e.g. spec.containers[0].name.', string),
  }),
  objectType(
    `${META}Patch`,
    'A patch body. Its format follows the Content-Type: JSON patch, merge patch, strategic merge patch or apply configuration.',
    {},
  ),
  scalarType(`${META}Time`, 'A timestamp in RFC 3339 form, to the second, in UTC.', {
    type: 'string',
    format: 'date-time',
  }),
  scalarType(`${META}MicroTime`, 'A timestamp in RFC 3339 form with microseconds, in UTC.', {
    type: 'string',
    format: 'date-time',
  }),
  scalarType(
    'io.k8s.apimachinery.pkg.api.resource.Quantity',
    'An amount of a resource, such as "500m" CPU or "128Mi" memory: a number with an optional decimal or binary suffix.',
    { oneOf: [{ type: 'string' }, { type: 'number' }] },
  ),
  scalarType(
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    'Either a whole number or a string, such as a port number or a port name, or "25%".',
    { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  ),
];

// Patch metadata as data: what the Go struct tags and markers of k8s.io/api say about each field
// of the kinds the lab serves. Upstream reads `patchStrategy`/`patchMergeKey` tags (strategic merge
// patch) and `+listType`/`+listMapKey`/`+structType`/`+mapType` markers (server-side apply) off the
// types; here they are a table keyed by kind and field path.
//
// Paths are field names joined by "."; list items add no segment, so the env of every container of
// a Deployment is `spec.template.spec.containers.env`. A field without an entry has no strategy:
// strategic merge patch replaces its lists and merges its maps key by key, and server-side apply
// treats its lists as atomic, exactly as upstream does for untagged fields.
//
// Sources: staging/src/k8s.io/api/{core,rbac,apps}/v1/types.go and apimachinery's ObjectMeta.

export interface FieldMeta {
  /** `patchStrategy` tag. Without one, lists are replaced wholesale and maps merged key by key. */
  strategy?: 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';
  /** `patchMergeKey` tag: the field identifying items of a merged list of objects. */
  mergeKey?: string;
  /** `+listType`, where it differs from what the patch strategy implies. */
  listType?: 'atomic' | 'set' | 'map';
  /** `+listMapKey` values, where they are more than the merge key. */
  listMapKeys?: readonly string[];
  /** Defaults of list-map keys (openapi `default`), used when an item omits the key. */
  listMapKeyDefaults?: Readonly<Record<string, string>>;
  /** `+structType=atomic` / `+mapType=atomic`: apply owns and replaces the value as one leaf. */
  atomic?: true;
  /** The list's item type is `+structType=atomic` (ObjectReference, LocalObjectReference...). */
  atomicItems?: true;
  /** A map[string]T rather than a struct: its keys are data, not declared fields. */
  map?: true;
}

export interface KindMeta {
  fields: Readonly<Record<string, FieldMeta>>;
  /**
   * Struct fields an empty Go object of the kind already serializes (non-pointer structs and
   * non-omitempty fields). A create does not "add" them, so managed fields show no "." for them.
   */
  presentWhenEmpty: readonly string[];
  /** Fields the registry resets on writes to the main resource, so no manager ever owns them. */
  resetFields: readonly string[];
}

export type ListRelationship = { type: 'atomic' } | { type: 'set' } | { type: 'map'; keys: readonly string[] };

const mergeByName: FieldMeta = { strategy: 'merge', mergeKey: 'name' };
const conditions: FieldMeta = { strategy: 'merge', mergeKey: 'type' };
const map: FieldMeta = { map: true };

function objectMeta(prefix: string): Record<string, FieldMeta> {
  return {
    [`${prefix}.labels`]: map,
    [`${prefix}.annotations`]: map,
    [`${prefix}.finalizers`]: { strategy: 'merge' },
    [`${prefix}.ownerReferences`]: { strategy: 'merge', mergeKey: 'uid' },
  };
}

function container(prefix: string): Record<string, FieldMeta> {
  return {
    [`${prefix}.ports`]: {
      strategy: 'merge',
      mergeKey: 'containerPort',
      listMapKeys: ['containerPort', 'protocol'],
      listMapKeyDefaults: { protocol: 'TCP' },
    },
    [`${prefix}.env`]: mergeByName,
    [`${prefix}.volumeMounts`]: { strategy: 'merge', mergeKey: 'mountPath' },
    [`${prefix}.volumeDevices`]: { strategy: 'merge', mergeKey: 'devicePath' },
    [`${prefix}.resources.limits`]: map,
    [`${prefix}.resources.requests`]: map,
    [`${prefix}.resources.claims`]: { listType: 'map', listMapKeys: ['name'] },
  };
}

function podSpec(prefix: string): Record<string, FieldMeta> {
  return {
    [`${prefix}.volumes`]: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    [`${prefix}.initContainers`]: mergeByName,
    [`${prefix}.containers`]: mergeByName,
    [`${prefix}.ephemeralContainers`]: mergeByName,
    ...container(`${prefix}.initContainers`),
    ...container(`${prefix}.containers`),
    ...container(`${prefix}.ephemeralContainers`),
    [`${prefix}.imagePullSecrets`]: { ...mergeByName, atomicItems: true },
    [`${prefix}.tolerations`]: {}, // no strategy: replaced as a whole
    [`${prefix}.hostAliases`]: { strategy: 'merge', mergeKey: 'ip' },
    [`${prefix}.topologySpreadConstraints`]: {
      strategy: 'merge',
      mergeKey: 'topologyKey',
      listMapKeys: ['topologyKey', 'whenUnsatisfiable'],
    },
    [`${prefix}.schedulingGates`]: mergeByName,
    [`${prefix}.resourceClaims`]: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    [`${prefix}.nodeSelector`]: { map: true, atomic: true },
    [`${prefix}.overhead`]: map,
  };
}

/** Deployment, DaemonSet and StatefulSet embed a pod template and a label selector. */
function workload(strategyField: string, extra: Record<string, FieldMeta>): KindMeta {
  return {
    fields: {
      ...objectMeta('metadata'),
      'spec.selector': { atomic: true }, // LabelSelector is +structType=atomic
      ...objectMeta('spec.template.metadata'),
      ...podSpec('spec.template.spec'),
      'status.conditions': conditions,
      ...extra,
    },
    presentWhenEmpty: [
      'spec',
      'spec.template',
      'spec.template.metadata',
      'spec.template.spec',
      'spec.template.spec.containers',
      strategyField,
      'status',
    ],
    resetFields: ['status'],
  };
}

const rbacRole: KindMeta = {
  // rules, subjects, roleRef and aggregationRule carry no patch strategy.
  fields: { ...objectMeta('metadata'), rules: {}, 'aggregationRule.clusterRoleSelectors': {} },
  presentWhenEmpty: [],
  resetFields: [],
};

const rbacBinding: KindMeta = {
  fields: { ...objectMeta('metadata'), subjects: {}, roleRef: { atomic: true } }, // RoleRef is +structType=atomic
  presentWhenEmpty: [],
  resetFields: [],
};

const KINDS: Readonly<Record<string, KindMeta>> = {
  Role: rbacRole,
  ClusterRole: rbacRole,
  RoleBinding: rbacBinding,
  ClusterRoleBinding: rbacBinding,
  ServiceAccount: {
    fields: {
      ...objectMeta('metadata'),
      secrets: { ...mergeByName, atomicItems: true },
      imagePullSecrets: {}, // no strategy, unlike PodSpec.imagePullSecrets
    },
    presentWhenEmpty: [],
    resetFields: [],
  },
  Namespace: {
    fields: { ...objectMeta('metadata'), 'spec.finalizers': {}, 'status.conditions': conditions },
    presentWhenEmpty: ['spec', 'status'],
    resetFields: ['status'],
  },
  ConfigMap: {
    fields: { ...objectMeta('metadata'), data: map, binaryData: map },
    presentWhenEmpty: [],
    resetFields: [],
  },
  Secret: {
    fields: { ...objectMeta('metadata'), data: map, stringData: map },
    presentWhenEmpty: [],
    resetFields: [],
  },
  Node: {
    fields: {
      ...objectMeta('metadata'),
      'spec.podCIDRs': { strategy: 'merge' },
      'spec.taints': {},
      'status.conditions': conditions,
      'status.addresses': { strategy: 'merge', mergeKey: 'type' },
      'status.capacity': map,
      'status.allocatable': map,
    },
    presentWhenEmpty: ['spec', 'status'],
    resetFields: ['status'],
  },
  Pod: {
    fields: {
      ...objectMeta('metadata'),
      ...podSpec('spec'),
      'status.conditions': conditions,
      'status.podIPs': { strategy: 'merge', mergeKey: 'ip' },
    },
    presentWhenEmpty: ['spec', 'spec.containers', 'status'],
    resetFields: ['status'],
  },
  Deployment: workload('spec.strategy', { 'spec.strategy': { strategy: 'retainKeys' } }),
  DaemonSet: workload('spec.updateStrategy', {}),
  StatefulSet: workload('spec.updateStrategy', { 'spec.volumeClaimTemplates': {} }),
};

/**
 * Kinds the table does not model get no metadata at all: strategic merge patch then merges maps
 * and replaces every list, which is what it does for any untagged field. That is the safe choice:
 * a list whose real strategy is "merge" ends up exactly as the client sent it instead of merged
 * by a guessed key; only ObjectMeta, which every kind shares, keeps its real strategies.
 */
const UNMODELLED: KindMeta = { fields: objectMeta('metadata'), presentWhenEmpty: [], resetFields: [] };

export function kindMeta(kind: string): KindMeta {
  return Object.prototype.hasOwnProperty.call(KINDS, kind) ? KINDS[kind]! : UNMODELLED;
}

export function fieldMeta(kind: KindMeta, path: string): FieldMeta {
  return Object.prototype.hasOwnProperty.call(kind.fields, path) ? kind.fields[path]! : {};
}

export function childPath(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

/** The strategy without retainKeys (which only shapes client-side diffs), as upstream extracts it. */
export function mergeStrategy(meta: FieldMeta): 'merge' | 'replace' | undefined {
  if (meta.strategy === 'merge' || meta.strategy === 'merge,retainKeys') return 'merge';
  return meta.strategy === 'replace' ? 'replace' : undefined;
}

/**
 * How server-side apply treats a list: an explicit +listType wins; otherwise a "merge" patch
 * strategy makes it a map keyed by the merge key (a set without one); otherwise it is atomic.
 * That is the order kube-openapi's schema conversion uses.
 */
export function listRelationship(meta: FieldMeta): ListRelationship {
  const keys = meta.listMapKeys ?? (meta.mergeKey ? [meta.mergeKey] : []);
  if (meta.listType === 'atomic') return { type: 'atomic' };
  if (meta.listType === 'set') return { type: 'set' };
  if (meta.listType === 'map') return { type: 'map', keys };
  if (mergeStrategy(meta) !== 'merge') return { type: 'atomic' };
  return keys.length > 0 ? { type: 'map', keys } : { type: 'set' };
}

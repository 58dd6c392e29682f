// The protobuf schemas of the Kubernetes objects kubectl writes with its typed clients, as data.
//
// One package per upstream generated.proto (k8s.io/api/<group>/<version>, apimachinery). Each
// message lists its fields in Go declaration order, which is also the JSON key order:
//   [number, jsonName, type, ...modifiers]
// type:      string | bytes | bool | int32 | int64 | sint32 | sint64 | <Message>
//            | repeated <type> | map<<scalar>,<type>>
// <Message>: a name in the same package, a name unique across the table, or a full proto name.
// modifiers: how Go's encoding/json writes the field, which protobuf alone does not tell:
//   'pointer'     the Go field is a pointer: a zero value on the wire is kept (replicas: 0).
//   'noOmitEmpty' the json tag has no omitempty: zero values are kept, absent lists, maps and
//                 pointers become null ("rules": null).
//   'inline'      an embedded struct: its fields sit in the parent's JSON object.
// Without modifiers a zero scalar and an empty list or map are left out (omitempty), and a
// message field is a non-pointer struct: always in the JSON, as its zero value when absent.
//
// Field numbers come from upstream generated.proto and are checked by schemas.test.ts against the
// descriptors compiled into the real kubectl 1.31, 1.32 and 1.33 binaries. 'partial' messages cover only
// the fields kubectl's `create` subcommands set (plus common ones); the codec refuses bodies that
// set any other field instead of dropping it.

import { WireType } from './wire.js';

export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'sint32' | 'sint64';

/** Messages whose JSON form is not an object of their fields. */
export type JsonForm =
  | 'Time' // {seconds, nanos} <-> "2006-01-02T15:04:05Z", null when empty
  | 'Quantity' // {string} <-> "100m"
  | 'IntOrString' // {type, intVal, strVal} <-> 8080 | "http"
  | 'RawJSON' // {Raw} <-> any JSON value (managedFields[].fieldsV1)
  | 'StringList'; // {items} <-> ["a", "b"] (user extra values)

export type ValueType = { scalar: ScalarType } | { message: string };

export interface FieldSchema {
  number: number;
  name: string;
  kind: 'single' | 'repeated' | 'map';
  value: ValueType;
  /** Map fields only: entries are messages {1: key, 2: value}. */
  mapKey?: ScalarType;
  pointer: boolean;
  omitEmpty: boolean;
  inline: boolean;
}

export interface MessageSchema {
  /** Full proto name, e.g. k8s.io.api.rbac.v1.ClusterRole. */
  name: string;
  fields: readonly FieldSchema[];
  byNumber: ReadonlyMap<number, FieldSchema>;
  partial: boolean;
  /** A top-level kind: its JSON also has apiVersion and kind, which protobuf leaves to the envelope. */
  isKind: boolean;
  jsonForm?: JsonForm;
}

export interface KindSchema {
  apiVersion: string;
  kind: string;
  message: MessageSchema;
}

type Modifier = 'pointer' | 'noOmitEmpty' | 'inline';
type FieldDef = readonly [number, string, string, ...Modifier[]];
type MessageDef = readonly FieldDef[] | { fields: readonly FieldDef[]; partial?: true; json?: JsonForm };

interface PackageDef {
  proto: string;
  /** Group/version of the kinds below. */
  apiVersion?: string;
  /** Top-level kinds without a list type (reviews, Status...). */
  kinds?: readonly string[];
  /** Top-level kinds that also have a <Kind>List {1: ListMeta metadata, 2: repeated items}. */
  listedKinds?: readonly string[];
  messages: Record<string, MessageDef>;
}

const PACKAGES: readonly PackageDef[] = [
  {
    proto: 'k8s.io.apimachinery.pkg.runtime',
    messages: {
      // The envelope after the 4 magic bytes "k8s\0".
      Unknown: [
        [1, 'typeMeta', 'TypeMeta'],
        [2, 'raw', 'bytes'],
        [3, 'contentEncoding', 'string'],
        [4, 'contentType', 'string'],
      ],
      TypeMeta: [
        [1, 'apiVersion', 'string'],
        [2, 'kind', 'string'],
      ],
    },
  },
  {
    proto: 'k8s.io.apimachinery.pkg.api.resource',
    messages: {
      Quantity: { json: 'Quantity', fields: [[1, 'string', 'string']] },
    },
  },
  {
    proto: 'k8s.io.apimachinery.pkg.util.intstr',
    messages: {
      IntOrString: {
        json: 'IntOrString',
        fields: [
          [1, 'type', 'int64'],
          [2, 'intVal', 'int32'],
          [3, 'strVal', 'string'],
        ],
      },
    },
  },
  {
    proto: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    apiVersion: 'v1', // metav1.Status is registered unversioned as v1
    kinds: ['Status'],
    messages: {
      ObjectMeta: [
        [1, 'name', 'string'],
        [2, 'generateName', 'string'],
        [3, 'namespace', 'string'],
        [4, 'selfLink', 'string'],
        [5, 'uid', 'string'],
        [6, 'resourceVersion', 'string'],
        [7, 'generation', 'int64'],
        [8, 'creationTimestamp', 'Time'],
        [9, 'deletionTimestamp', 'Time', 'pointer'],
        [10, 'deletionGracePeriodSeconds', 'int64', 'pointer'],
        [11, 'labels', 'map<string,string>'],
        [12, 'annotations', 'map<string,string>'],
        [13, 'ownerReferences', 'repeated OwnerReference'],
        [14, 'finalizers', 'repeated string'],
        [17, 'managedFields', 'repeated ManagedFieldsEntry'],
      ],
      // Go drops nanos both ways (time_proto.go): JSON has whole seconds only.
      Time: {
        json: 'Time',
        fields: [
          [1, 'seconds', 'int64'],
          [2, 'nanos', 'int32'],
        ],
      },
      OwnerReference: [
        [5, 'apiVersion', 'string', 'noOmitEmpty'],
        [1, 'kind', 'string', 'noOmitEmpty'],
        [3, 'name', 'string', 'noOmitEmpty'],
        [4, 'uid', 'string', 'noOmitEmpty'],
        [6, 'controller', 'bool', 'pointer'],
        [7, 'blockOwnerDeletion', 'bool', 'pointer'],
      ],
      ManagedFieldsEntry: [
        [1, 'manager', 'string'],
        [2, 'operation', 'string'],
        [3, 'apiVersion', 'string'],
        [4, 'time', 'Time', 'pointer'],
        [6, 'fieldsType', 'string'],
        [7, 'fieldsV1', 'FieldsV1', 'pointer'],
        [8, 'subresource', 'string'],
      ],
      FieldsV1: { json: 'RawJSON', fields: [[1, 'Raw', 'bytes']] },
      ListMeta: [
        [1, 'selfLink', 'string'],
        [2, 'resourceVersion', 'string'],
        [3, 'continue', 'string'],
        [4, 'remainingItemCount', 'int64', 'pointer'],
      ],
      LabelSelector: [
        [1, 'matchLabels', 'map<string,string>'],
        [2, 'matchExpressions', 'repeated LabelSelectorRequirement'],
      ],
      LabelSelectorRequirement: [
        [1, 'key', 'string', 'noOmitEmpty'],
        [2, 'operator', 'string', 'noOmitEmpty'],
        [3, 'values', 'repeated string'],
      ],
      FieldSelectorRequirement: [
        [1, 'key', 'string', 'noOmitEmpty'],
        [2, 'operator', 'string', 'noOmitEmpty'],
        [3, 'values', 'repeated string'],
      ],
      Condition: [
        [1, 'type', 'string', 'noOmitEmpty'],
        [2, 'status', 'string', 'noOmitEmpty'],
        [3, 'observedGeneration', 'int64'],
        [4, 'lastTransitionTime', 'Time'],
        [5, 'reason', 'string', 'noOmitEmpty'],
        [6, 'message', 'string', 'noOmitEmpty'],
      ],
      Status: [
        [1, 'metadata', 'ListMeta'],
        [2, 'status', 'string'],
        [3, 'message', 'string'],
        [4, 'reason', 'string'],
        [5, 'details', 'StatusDetails', 'pointer'],
        [6, 'code', 'int32'],
      ],
      StatusDetails: [
        [1, 'name', 'string'],
        [2, 'group', 'string'],
        [3, 'kind', 'string'],
        [6, 'uid', 'string'],
        [4, 'causes', 'repeated StatusCause'],
        [5, 'retryAfterSeconds', 'int32'],
      ],
      StatusCause: [
        [1, 'reason', 'string'],
        [2, 'message', 'string'],
        [3, 'field', 'string'],
      ],
      // Body of an Eviction (kubectl drain).
      DeleteOptions: [
        [1, 'gracePeriodSeconds', 'int64', 'pointer'],
        [2, 'preconditions', 'Preconditions', 'pointer'],
        [3, 'orphanDependents', 'bool', 'pointer'],
        [4, 'propagationPolicy', 'string', 'pointer'],
        [5, 'dryRun', 'repeated string'],
        [6, 'ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', 'pointer'],
      ],
      Preconditions: [
        [1, 'uid', 'string', 'pointer'],
        [2, 'resourceVersion', 'string', 'pointer'],
      ],
    },
  },
  {
    proto: 'k8s.io.api.rbac.v1',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    listedKinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    messages: {
      ClusterRole: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'rules', 'repeated PolicyRule', 'noOmitEmpty'],
        [3, 'aggregationRule', 'AggregationRule', 'pointer'],
      ],
      AggregationRule: [[1, 'clusterRoleSelectors', 'repeated LabelSelector']],
      Role: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'rules', 'repeated PolicyRule', 'noOmitEmpty'],
      ],
      PolicyRule: [
        [1, 'verbs', 'repeated string', 'noOmitEmpty'],
        [2, 'apiGroups', 'repeated string'],
        [3, 'resources', 'repeated string'],
        [4, 'resourceNames', 'repeated string'],
        [5, 'nonResourceURLs', 'repeated string'],
      ],
      ClusterRoleBinding: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'subjects', 'repeated Subject'],
        [3, 'roleRef', 'RoleRef'],
      ],
      RoleBinding: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'subjects', 'repeated Subject'],
        [3, 'roleRef', 'RoleRef'],
      ],
      Subject: [
        [1, 'kind', 'string', 'noOmitEmpty'],
        [2, 'apiGroup', 'string'],
        [3, 'name', 'string', 'noOmitEmpty'],
        [4, 'namespace', 'string'],
      ],
      RoleRef: [
        [1, 'apiGroup', 'string', 'noOmitEmpty'],
        [2, 'kind', 'string', 'noOmitEmpty'],
        [3, 'name', 'string', 'noOmitEmpty'],
      ],
    },
  },
  {
    proto: 'k8s.io.api.authorization.v1',
    apiVersion: 'authorization.k8s.io/v1',
    kinds: ['SelfSubjectAccessReview', 'SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectRulesReview'],
    messages: {
      SelfSubjectAccessReview: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'SelfSubjectAccessReviewSpec'],
        [3, 'status', 'SubjectAccessReviewStatus'],
      ],
      SelfSubjectAccessReviewSpec: [
        [1, 'resourceAttributes', 'ResourceAttributes', 'pointer'],
        [2, 'nonResourceAttributes', 'NonResourceAttributes', 'pointer'],
      ],
      SubjectAccessReview: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'SubjectAccessReviewSpec'],
        [3, 'status', 'SubjectAccessReviewStatus'],
      ],
      LocalSubjectAccessReview: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'SubjectAccessReviewSpec'],
        [3, 'status', 'SubjectAccessReviewStatus'],
      ],
      SubjectAccessReviewSpec: [
        [1, 'resourceAttributes', 'ResourceAttributes', 'pointer'],
        [2, 'nonResourceAttributes', 'NonResourceAttributes', 'pointer'],
        [3, 'user', 'string'],
        [4, 'groups', 'repeated string'],
        [5, 'extra', 'map<string,ExtraValue>'],
        [6, 'uid', 'string'],
      ],
      ExtraValue: { json: 'StringList', fields: [[1, 'items', 'repeated string']] },
      ResourceAttributes: [
        [1, 'namespace', 'string'],
        [2, 'verb', 'string'],
        [3, 'group', 'string'],
        [4, 'version', 'string'],
        [5, 'resource', 'string'],
        [6, 'subresource', 'string'],
        [7, 'name', 'string'],
        [8, 'fieldSelector', 'FieldSelectorAttributes', 'pointer'],
        [9, 'labelSelector', 'LabelSelectorAttributes', 'pointer'],
      ],
      FieldSelectorAttributes: [
        [1, 'rawSelector', 'string'],
        [2, 'requirements', 'repeated FieldSelectorRequirement'],
      ],
      LabelSelectorAttributes: [
        [1, 'rawSelector', 'string'],
        [2, 'requirements', 'repeated LabelSelectorRequirement'],
      ],
      NonResourceAttributes: [
        [1, 'path', 'string'],
        [2, 'verb', 'string'],
      ],
      SubjectAccessReviewStatus: [
        [1, 'allowed', 'bool', 'noOmitEmpty'],
        [4, 'denied', 'bool'],
        [2, 'reason', 'string'],
        [3, 'evaluationError', 'string'],
      ],
      SelfSubjectRulesReview: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'SelfSubjectRulesReviewSpec'],
        [3, 'status', 'SubjectRulesReviewStatus'],
      ],
      SelfSubjectRulesReviewSpec: [[1, 'namespace', 'string']],
      SubjectRulesReviewStatus: [
        [1, 'resourceRules', 'repeated ResourceRule', 'noOmitEmpty'],
        [2, 'nonResourceRules', 'repeated NonResourceRule', 'noOmitEmpty'],
        [3, 'incomplete', 'bool', 'noOmitEmpty'],
        [4, 'evaluationError', 'string'],
      ],
      ResourceRule: [
        [1, 'verbs', 'repeated string', 'noOmitEmpty'],
        [2, 'apiGroups', 'repeated string'],
        [3, 'resources', 'repeated string'],
        [4, 'resourceNames', 'repeated string'],
      ],
      NonResourceRule: [
        [1, 'verbs', 'repeated string', 'noOmitEmpty'],
        [2, 'nonResourceURLs', 'repeated string'],
      ],
    },
  },
  {
    proto: 'k8s.io.api.authentication.v1',
    apiVersion: 'authentication.k8s.io/v1',
    kinds: ['TokenRequest', 'TokenReview', 'SelfSubjectReview'],
    messages: {
      TokenRequest: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'TokenRequestSpec'],
        [3, 'status', 'TokenRequestStatus'],
      ],
      TokenRequestSpec: [
        [1, 'audiences', 'repeated string', 'noOmitEmpty'],
        [4, 'expirationSeconds', 'int64', 'pointer', 'noOmitEmpty'],
        [3, 'boundObjectRef', 'BoundObjectReference', 'pointer', 'noOmitEmpty'],
      ],
      BoundObjectReference: [
        [1, 'kind', 'string'],
        [2, 'apiVersion', 'string'],
        [3, 'name', 'string'],
        [4, 'uid', 'string'], // proto field name "uID"
      ],
      TokenRequestStatus: [
        [1, 'token', 'string', 'noOmitEmpty'],
        [2, 'expirationTimestamp', 'Time'],
      ],
      TokenReview: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'TokenReviewSpec'],
        [3, 'status', 'TokenReviewStatus'],
      ],
      TokenReviewSpec: [
        [1, 'token', 'string'],
        [2, 'audiences', 'repeated string'],
      ],
      TokenReviewStatus: [
        [1, 'authenticated', 'bool'],
        [2, 'user', 'UserInfo'],
        [4, 'audiences', 'repeated string'],
        [3, 'error', 'string'],
      ],
      UserInfo: [
        [1, 'username', 'string'],
        [2, 'uid', 'string'],
        [3, 'groups', 'repeated string'],
        [4, 'extra', 'map<string,ExtraValue>'],
      ],
      ExtraValue: { json: 'StringList', fields: [[1, 'items', 'repeated string']] },
      SelfSubjectReview: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'status', 'SelfSubjectReviewStatus'],
      ],
      SelfSubjectReviewStatus: [[1, 'userInfo', 'UserInfo']],
    },
  },
  {
    proto: 'k8s.io.api.core.v1',
    apiVersion: 'v1',
    listedKinds: ['Namespace', 'ServiceAccount', 'Secret', 'ConfigMap', 'Service', 'ResourceQuota', 'Pod'],
    messages: {
      Namespace: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'NamespaceSpec'],
        [3, 'status', 'NamespaceStatus'],
      ],
      NamespaceSpec: [[1, 'finalizers', 'repeated string']],
      NamespaceStatus: [
        [1, 'phase', 'string'],
        [2, 'conditions', 'repeated NamespaceCondition'],
      ],
      NamespaceCondition: [
        [1, 'type', 'string', 'noOmitEmpty'],
        [2, 'status', 'string', 'noOmitEmpty'],
        [4, 'lastTransitionTime', 'Time'],
        [5, 'reason', 'string'],
        [6, 'message', 'string'],
      ],
      ServiceAccount: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'secrets', 'repeated ObjectReference'],
        [3, 'imagePullSecrets', 'repeated LocalObjectReference'],
        [4, 'automountServiceAccountToken', 'bool', 'pointer'],
      ],
      ObjectReference: [
        [1, 'kind', 'string'],
        [2, 'namespace', 'string'],
        [3, 'name', 'string'],
        [4, 'uid', 'string'],
        [5, 'apiVersion', 'string'],
        [6, 'resourceVersion', 'string'],
        [7, 'fieldPath', 'string'],
      ],
      LocalObjectReference: [[1, 'name', 'string']],
      TypedLocalObjectReference: [
        [1, 'apiGroup', 'string', 'pointer'],
        [2, 'kind', 'string', 'noOmitEmpty'],
        [3, 'name', 'string', 'noOmitEmpty'],
      ],
      Secret: [
        [1, 'metadata', 'ObjectMeta'],
        [5, 'immutable', 'bool', 'pointer'],
        [2, 'data', 'map<string,bytes>'],
        [4, 'stringData', 'map<string,string>'],
        [3, 'type', 'string'],
      ],
      ConfigMap: [
        [1, 'metadata', 'ObjectMeta'],
        [4, 'immutable', 'bool', 'pointer'],
        [2, 'data', 'map<string,string>'],
        [3, 'binaryData', 'map<string,bytes>'],
      ],
      Service: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'ServiceSpec'],
        [3, 'status', 'ServiceStatus'],
      ],
      ServiceSpec: [
        [1, 'ports', 'repeated ServicePort'],
        [2, 'selector', 'map<string,string>'],
        [3, 'clusterIP', 'string'],
        [18, 'clusterIPs', 'repeated string'],
        [4, 'type', 'string'],
        [5, 'externalIPs', 'repeated string'],
        [7, 'sessionAffinity', 'string'],
        [8, 'loadBalancerIP', 'string'],
        [9, 'loadBalancerSourceRanges', 'repeated string'],
        [10, 'externalName', 'string'],
        [11, 'externalTrafficPolicy', 'string'],
        [12, 'healthCheckNodePort', 'int32'],
        [13, 'publishNotReadyAddresses', 'bool'],
        [14, 'sessionAffinityConfig', 'SessionAffinityConfig', 'pointer'],
        [19, 'ipFamilies', 'repeated string'],
        [17, 'ipFamilyPolicy', 'string', 'pointer'],
        [20, 'allocateLoadBalancerNodePorts', 'bool', 'pointer'],
        [21, 'loadBalancerClass', 'string', 'pointer'],
        [22, 'internalTrafficPolicy', 'string', 'pointer'],
        [23, 'trafficDistribution', 'string', 'pointer'],
      ],
      ServicePort: [
        [1, 'name', 'string'],
        [2, 'protocol', 'string'],
        [6, 'appProtocol', 'string', 'pointer'],
        [3, 'port', 'int32', 'noOmitEmpty'],
        [4, 'targetPort', 'IntOrString'],
        [5, 'nodePort', 'int32'],
      ],
      SessionAffinityConfig: [[1, 'clientIP', 'ClientIPConfig', 'pointer']],
      ClientIPConfig: [[1, 'timeoutSeconds', 'int32', 'pointer']],
      ServiceStatus: [
        [1, 'loadBalancer', 'LoadBalancerStatus'],
        [2, 'conditions', 'repeated Condition'],
      ],
      LoadBalancerStatus: [[1, 'ingress', 'repeated LoadBalancerIngress']],
      LoadBalancerIngress: [
        [1, 'ip', 'string'],
        [2, 'hostname', 'string'],
        [3, 'ipMode', 'string', 'pointer'],
        [4, 'ports', 'repeated PortStatus'],
      ],
      PortStatus: [
        [1, 'port', 'int32', 'noOmitEmpty'],
        [2, 'protocol', 'string', 'noOmitEmpty'],
        [3, 'error', 'string', 'pointer'],
      ],
      ResourceQuota: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'ResourceQuotaSpec'],
        [3, 'status', 'ResourceQuotaStatus'],
      ],
      ResourceQuotaSpec: [
        [1, 'hard', 'map<string,Quantity>'],
        [2, 'scopes', 'repeated string'],
        [3, 'scopeSelector', 'ScopeSelector', 'pointer'],
      ],
      ScopeSelector: [[1, 'matchExpressions', 'repeated ScopedResourceSelectorRequirement']],
      ScopedResourceSelectorRequirement: [
        [1, 'scopeName', 'string', 'noOmitEmpty'],
        [2, 'operator', 'string', 'noOmitEmpty'],
        [3, 'values', 'repeated string'],
      ],
      ResourceQuotaStatus: [
        [1, 'hard', 'map<string,Quantity>'],
        [2, 'used', 'map<string,Quantity>'],
      ],
      // `kubectl debug node/N` creates its pod with the typed client: host namespaces, a hostPath
      // volume of the node's root, tolerations. A new pod's status is empty.
      Pod: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'PodSpec'],
        [3, 'status', 'PodStatus'],
      ],
      PodStatus: {
        partial: true,
        fields: [
          [1, 'phase', 'string'],
          [3, 'message', 'string'],
          [4, 'reason', 'string'],
        ],
      },
      Volume: [
        [1, 'name', 'string', 'noOmitEmpty'],
        [2, 'volumeSource', 'VolumeSource', 'inline'],
      ],
      // The sources a debugging or test pod uses; cloud and network storage are left out.
      VolumeSource: {
        partial: true,
        fields: [
          [1, 'hostPath', 'HostPathVolumeSource', 'pointer'],
          [2, 'emptyDir', 'EmptyDirVolumeSource', 'pointer'],
          [6, 'secret', 'SecretVolumeSource', 'pointer'],
          [10, 'persistentVolumeClaim', 'PersistentVolumeClaimVolumeSource', 'pointer'],
          [19, 'configMap', 'ConfigMapVolumeSource', 'pointer'],
        ],
      },
      HostPathVolumeSource: [
        [1, 'path', 'string', 'noOmitEmpty'],
        [2, 'type', 'string', 'pointer'],
      ],
      EmptyDirVolumeSource: [
        [1, 'medium', 'string'],
        [2, 'sizeLimit', 'Quantity', 'pointer'],
      ],
      SecretVolumeSource: [
        [1, 'secretName', 'string'],
        [2, 'items', 'repeated KeyToPath'],
        [3, 'defaultMode', 'int32', 'pointer'],
        [4, 'optional', 'bool', 'pointer'],
      ],
      ConfigMapVolumeSource: [
        [1, 'localObjectReference', 'LocalObjectReference', 'inline'],
        [2, 'items', 'repeated KeyToPath'],
        [3, 'defaultMode', 'int32', 'pointer'],
        [4, 'optional', 'bool', 'pointer'],
      ],
      KeyToPath: [
        [1, 'key', 'string', 'noOmitEmpty'],
        [2, 'path', 'string', 'noOmitEmpty'],
        [3, 'mode', 'int32', 'pointer'],
      ],
      PersistentVolumeClaimVolumeSource: [
        [1, 'claimName', 'string', 'noOmitEmpty'],
        [2, 'readOnly', 'bool'],
      ],
      // Pod templates of Deployments, Jobs and CronJobs: what `kubectl create` sets, and more.
      PodTemplateSpec: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'PodSpec'],
      ],
      PodSpec: {
        partial: true,
        fields: [
          [1, 'volumes', 'repeated Volume'],
          [20, 'initContainers', 'repeated Container'],
          [2, 'containers', 'repeated Container', 'noOmitEmpty'],
          [3, 'restartPolicy', 'string'],
          [4, 'terminationGracePeriodSeconds', 'int64', 'pointer'],
          [5, 'activeDeadlineSeconds', 'int64', 'pointer'],
          [6, 'dnsPolicy', 'string'],
          [7, 'nodeSelector', 'map<string,string>'],
          [8, 'serviceAccountName', 'string'],
          [9, 'serviceAccount', 'string'],
          [21, 'automountServiceAccountToken', 'bool', 'pointer'],
          [10, 'nodeName', 'string'],
          [11, 'hostNetwork', 'bool'],
          [12, 'hostPID', 'bool'],
          [13, 'hostIPC', 'bool'],
          [27, 'shareProcessNamespace', 'bool', 'pointer'],
          [14, 'securityContext', 'PodSecurityContext', 'pointer'],
          [15, 'imagePullSecrets', 'repeated LocalObjectReference'],
          [16, 'hostname', 'string'],
          [17, 'subdomain', 'string'],
          [19, 'schedulerName', 'string'],
          [22, 'tolerations', 'repeated Toleration'],
          [24, 'priorityClassName', 'string'],
          [25, 'priority', 'int32', 'pointer'],
          [29, 'runtimeClassName', 'string', 'pointer'],
          [30, 'enableServiceLinks', 'bool', 'pointer'],
          [31, 'preemptionPolicy', 'string', 'pointer'],
          [35, 'setHostnameAsFQDN', 'bool', 'pointer'],
          [37, 'hostUsers', 'bool', 'pointer'],
        ],
      },
      Container: {
        partial: true,
        fields: [
          [1, 'name', 'string', 'noOmitEmpty'],
          [2, 'image', 'string'],
          [3, 'command', 'repeated string'],
          [4, 'args', 'repeated string'],
          [5, 'workingDir', 'string'],
          [6, 'ports', 'repeated ContainerPort'],
          [19, 'envFrom', 'repeated EnvFromSource'],
          [7, 'env', 'repeated EnvVar'],
          [8, 'resources', 'ResourceRequirements'],
          [24, 'restartPolicy', 'string', 'pointer'],
          [9, 'volumeMounts', 'repeated VolumeMount'],
          [13, 'terminationMessagePath', 'string'],
          [20, 'terminationMessagePolicy', 'string'],
          [14, 'imagePullPolicy', 'string'],
          [15, 'securityContext', 'SecurityContext', 'pointer'],
          [16, 'stdin', 'bool'],
          [17, 'stdinOnce', 'bool'],
          [18, 'tty', 'bool'],
        ],
      },
      // Leaves out seLinuxOptions, windowsOptions and sysctls.
      PodSecurityContext: {
        partial: true,
        fields: [
          [2, 'runAsUser', 'int64', 'pointer'],
          [6, 'runAsGroup', 'int64', 'pointer'],
          [3, 'runAsNonRoot', 'bool', 'pointer'],
          [4, 'supplementalGroups', 'repeated int64'],
          [12, 'supplementalGroupsPolicy', 'string', 'pointer'],
          [5, 'fsGroup', 'int64', 'pointer'],
          [9, 'fsGroupChangePolicy', 'string', 'pointer'],
          [10, 'seccompProfile', 'SeccompProfile', 'pointer'],
          [11, 'appArmorProfile', 'AppArmorProfile', 'pointer'],
          [13, 'seLinuxChangePolicy', 'string', 'pointer'],
        ],
      },
      // Leaves out seLinuxOptions and windowsOptions.
      SecurityContext: {
        partial: true,
        fields: [
          [1, 'capabilities', 'Capabilities', 'pointer'],
          [2, 'privileged', 'bool', 'pointer'],
          [4, 'runAsUser', 'int64', 'pointer'],
          [8, 'runAsGroup', 'int64', 'pointer'],
          [5, 'runAsNonRoot', 'bool', 'pointer'],
          [6, 'readOnlyRootFilesystem', 'bool', 'pointer'],
          [7, 'allowPrivilegeEscalation', 'bool', 'pointer'],
          [9, 'procMount', 'string', 'pointer'],
          [11, 'seccompProfile', 'SeccompProfile', 'pointer'],
          [12, 'appArmorProfile', 'AppArmorProfile', 'pointer'],
        ],
      },
      Capabilities: [
        [1, 'add', 'repeated string'],
        [2, 'drop', 'repeated string'],
      ],
      SeccompProfile: [
        [1, 'type', 'string', 'noOmitEmpty'],
        [2, 'localhostProfile', 'string', 'pointer'],
      ],
      AppArmorProfile: [
        [1, 'type', 'string', 'noOmitEmpty'],
        [2, 'localhostProfile', 'string', 'pointer'],
      ],
      ContainerPort: [
        [1, 'name', 'string'],
        [2, 'hostPort', 'int32'],
        [3, 'containerPort', 'int32', 'noOmitEmpty'],
        [4, 'protocol', 'string'],
        [5, 'hostIP', 'string'],
      ],
      ResourceRequirements: [
        [1, 'limits', 'map<string,Quantity>'],
        [2, 'requests', 'map<string,Quantity>'],
        [3, 'claims', 'repeated ResourceClaim'],
      ],
      ResourceClaim: [
        [1, 'name', 'string', 'noOmitEmpty'],
        [2, 'request', 'string'],
      ],
      EnvVar: [
        [1, 'name', 'string', 'noOmitEmpty'],
        [2, 'value', 'string'],
        [3, 'valueFrom', 'EnvVarSource', 'pointer'],
      ],
      EnvVarSource: [
        [1, 'fieldRef', 'ObjectFieldSelector', 'pointer'],
        [2, 'resourceFieldRef', 'ResourceFieldSelector', 'pointer'],
        [3, 'configMapKeyRef', 'ConfigMapKeySelector', 'pointer'],
        [4, 'secretKeyRef', 'SecretKeySelector', 'pointer'],
      ],
      ObjectFieldSelector: [
        [1, 'apiVersion', 'string'],
        [2, 'fieldPath', 'string', 'noOmitEmpty'],
      ],
      ResourceFieldSelector: [
        [1, 'containerName', 'string'],
        [2, 'resource', 'string', 'noOmitEmpty'],
        [3, 'divisor', 'Quantity'],
      ],
      ConfigMapKeySelector: [
        [1, 'localObjectReference', 'LocalObjectReference', 'inline'],
        [2, 'key', 'string', 'noOmitEmpty'],
        [3, 'optional', 'bool', 'pointer'],
      ],
      SecretKeySelector: [
        [1, 'localObjectReference', 'LocalObjectReference', 'inline'],
        [2, 'key', 'string', 'noOmitEmpty'],
        [3, 'optional', 'bool', 'pointer'],
      ],
      EnvFromSource: [
        [1, 'prefix', 'string'],
        [2, 'configMapRef', 'ConfigMapEnvSource', 'pointer'],
        [3, 'secretRef', 'SecretEnvSource', 'pointer'],
      ],
      ConfigMapEnvSource: [
        [1, 'localObjectReference', 'LocalObjectReference', 'inline'],
        [2, 'optional', 'bool', 'pointer'],
      ],
      SecretEnvSource: [
        [1, 'localObjectReference', 'LocalObjectReference', 'inline'],
        [2, 'optional', 'bool', 'pointer'],
      ],
      VolumeMount: [
        [1, 'name', 'string', 'noOmitEmpty'],
        [2, 'readOnly', 'bool'],
        [7, 'recursiveReadOnly', 'string', 'pointer'],
        [3, 'mountPath', 'string', 'noOmitEmpty'],
        [4, 'subPath', 'string'],
        [5, 'mountPropagation', 'string', 'pointer'],
        [6, 'subPathExpr', 'string'],
      ],
      Toleration: [
        [1, 'key', 'string'],
        [2, 'operator', 'string'],
        [3, 'value', 'string'],
        [4, 'effect', 'string'],
        [5, 'tolerationSeconds', 'int64', 'pointer'],
      ],
    },
  },
  {
    proto: 'k8s.io.api.apps.v1',
    apiVersion: 'apps/v1',
    listedKinds: ['Deployment'],
    messages: {
      Deployment: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'DeploymentSpec'],
        [3, 'status', 'DeploymentStatus'],
      ],
      DeploymentSpec: [
        [1, 'replicas', 'int32', 'pointer'],
        [2, 'selector', 'LabelSelector', 'pointer'],
        [3, 'template', 'PodTemplateSpec'],
        [4, 'strategy', 'DeploymentStrategy'],
        [5, 'minReadySeconds', 'int32'],
        [6, 'revisionHistoryLimit', 'int32', 'pointer'],
        [7, 'paused', 'bool'],
        [9, 'progressDeadlineSeconds', 'int32', 'pointer'],
      ],
      DeploymentStrategy: [
        [1, 'type', 'string'],
        [2, 'rollingUpdate', 'RollingUpdateDeployment', 'pointer'],
      ],
      RollingUpdateDeployment: [
        [1, 'maxUnavailable', 'IntOrString', 'pointer'],
        [2, 'maxSurge', 'IntOrString', 'pointer'],
      ],
      DeploymentStatus: [
        [1, 'observedGeneration', 'int64'],
        [2, 'replicas', 'int32'],
        [3, 'updatedReplicas', 'int32'],
        [7, 'readyReplicas', 'int32'],
        [4, 'availableReplicas', 'int32'],
        [5, 'unavailableReplicas', 'int32'],
        [9, 'terminatingReplicas', 'int32', 'pointer'], // 1.33+
        [6, 'conditions', 'repeated DeploymentCondition'],
        [8, 'collisionCount', 'int32', 'pointer'],
      ],
      DeploymentCondition: [
        [1, 'type', 'string', 'noOmitEmpty'],
        [2, 'status', 'string', 'noOmitEmpty'],
        [6, 'lastUpdateTime', 'Time'],
        [7, 'lastTransitionTime', 'Time'],
        [4, 'reason', 'string'],
        [5, 'message', 'string'],
      ],
    },
  },
  {
    proto: 'k8s.io.api.batch.v1',
    apiVersion: 'batch/v1',
    listedKinds: ['Job', 'CronJob'],
    messages: {
      Job: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'JobSpec'],
        [3, 'status', 'JobStatus'],
      ],
      // Leaves out podFailurePolicy and successPolicy.
      JobSpec: {
        partial: true,
        fields: [
          [1, 'parallelism', 'int32', 'pointer'],
          [2, 'completions', 'int32', 'pointer'],
          [3, 'activeDeadlineSeconds', 'int64', 'pointer'],
          [7, 'backoffLimit', 'int32', 'pointer'],
          [12, 'backoffLimitPerIndex', 'int32', 'pointer'],
          [13, 'maxFailedIndexes', 'int32', 'pointer'],
          [4, 'selector', 'LabelSelector', 'pointer'],
          [5, 'manualSelector', 'bool', 'pointer'],
          [6, 'template', 'PodTemplateSpec'],
          [8, 'ttlSecondsAfterFinished', 'int32', 'pointer'],
          [9, 'completionMode', 'string', 'pointer'],
          [10, 'suspend', 'bool', 'pointer'],
          [14, 'podReplacementPolicy', 'string', 'pointer'],
          [15, 'managedBy', 'string', 'pointer'],
        ],
      },
      JobStatus: [
        [1, 'conditions', 'repeated JobCondition'],
        [2, 'startTime', 'Time', 'pointer'],
        [3, 'completionTime', 'Time', 'pointer'],
        [4, 'active', 'int32'],
        [5, 'succeeded', 'int32'],
        [6, 'failed', 'int32'],
        [11, 'terminating', 'int32', 'pointer'],
        [7, 'completedIndexes', 'string'],
        [10, 'failedIndexes', 'string', 'pointer'],
        [8, 'uncountedTerminatedPods', 'UncountedTerminatedPods', 'pointer'],
        [9, 'ready', 'int32', 'pointer'],
      ],
      JobCondition: [
        [1, 'type', 'string', 'noOmitEmpty'],
        [2, 'status', 'string', 'noOmitEmpty'],
        [3, 'lastProbeTime', 'Time'],
        [4, 'lastTransitionTime', 'Time'],
        [5, 'reason', 'string'],
        [6, 'message', 'string'],
      ],
      UncountedTerminatedPods: [
        [1, 'succeeded', 'repeated string'],
        [2, 'failed', 'repeated string'],
      ],
      CronJob: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'CronJobSpec'],
        [3, 'status', 'CronJobStatus'],
      ],
      CronJobSpec: [
        [1, 'schedule', 'string', 'noOmitEmpty'],
        [8, 'timeZone', 'string', 'pointer'],
        [2, 'startingDeadlineSeconds', 'int64', 'pointer'],
        [3, 'concurrencyPolicy', 'string'],
        [4, 'suspend', 'bool', 'pointer'],
        [5, 'jobTemplate', 'JobTemplateSpec'],
        [6, 'successfulJobsHistoryLimit', 'int32', 'pointer'],
        [7, 'failedJobsHistoryLimit', 'int32', 'pointer'],
      ],
      JobTemplateSpec: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'JobSpec'],
      ],
      CronJobStatus: [
        [1, 'active', 'repeated ObjectReference'],
        [4, 'lastScheduleTime', 'Time', 'pointer'],
        [5, 'lastSuccessfulTime', 'Time', 'pointer'],
      ],
    },
  },
  {
    proto: 'k8s.io.api.networking.v1',
    apiVersion: 'networking.k8s.io/v1',
    listedKinds: ['Ingress'],
    messages: {
      Ingress: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'IngressSpec'],
        [3, 'status', 'IngressStatus'],
      ],
      IngressSpec: [
        [4, 'ingressClassName', 'string', 'pointer'],
        [1, 'defaultBackend', 'IngressBackend', 'pointer'],
        [2, 'tls', 'repeated IngressTLS'],
        [3, 'rules', 'repeated IngressRule'],
      ],
      IngressBackend: [
        [4, 'service', 'IngressServiceBackend', 'pointer'],
        [3, 'resource', 'TypedLocalObjectReference', 'pointer'],
      ],
      IngressServiceBackend: [
        [1, 'name', 'string', 'noOmitEmpty'],
        [2, 'port', 'ServiceBackendPort'],
      ],
      ServiceBackendPort: [
        [1, 'name', 'string'],
        [2, 'number', 'int32'],
      ],
      IngressTLS: [
        [1, 'hosts', 'repeated string'],
        [2, 'secretName', 'string'],
      ],
      IngressRule: [
        [1, 'host', 'string'],
        [2, 'ingressRuleValue', 'IngressRuleValue', 'inline'],
      ],
      IngressRuleValue: [[1, 'http', 'HTTPIngressRuleValue', 'pointer']],
      HTTPIngressRuleValue: [[1, 'paths', 'repeated HTTPIngressPath', 'noOmitEmpty']],
      HTTPIngressPath: [
        [1, 'path', 'string'],
        [3, 'pathType', 'string', 'pointer'],
        [2, 'backend', 'IngressBackend'],
      ],
      IngressStatus: [[1, 'loadBalancer', 'IngressLoadBalancerStatus']],
      IngressLoadBalancerStatus: [[1, 'ingress', 'repeated IngressLoadBalancerIngress']],
      IngressLoadBalancerIngress: [
        [1, 'ip', 'string'],
        [2, 'hostname', 'string'],
        [4, 'ports', 'repeated IngressPortStatus'],
      ],
      IngressPortStatus: [
        [1, 'port', 'int32', 'noOmitEmpty'],
        [2, 'protocol', 'string', 'noOmitEmpty'],
        [3, 'error', 'string', 'pointer'],
      ],
    },
  },
  {
    proto: 'k8s.io.api.scheduling.v1',
    apiVersion: 'scheduling.k8s.io/v1',
    listedKinds: ['PriorityClass'],
    messages: {
      PriorityClass: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'value', 'int32', 'noOmitEmpty'],
        [3, 'globalDefault', 'bool'],
        [4, 'description', 'string'],
        [5, 'preemptionPolicy', 'string', 'pointer'],
      ],
    },
  },
  {
    proto: 'k8s.io.api.policy.v1',
    apiVersion: 'policy/v1',
    listedKinds: ['PodDisruptionBudget'],
    kinds: ['Eviction'], // kubectl drain
    messages: {
      PodDisruptionBudget: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'spec', 'PodDisruptionBudgetSpec'],
        [3, 'status', 'PodDisruptionBudgetStatus'],
      ],
      PodDisruptionBudgetSpec: [
        [1, 'minAvailable', 'IntOrString', 'pointer'],
        [2, 'selector', 'LabelSelector', 'pointer'],
        [3, 'maxUnavailable', 'IntOrString', 'pointer'],
        [4, 'unhealthyPodEvictionPolicy', 'string', 'pointer'],
      ],
      PodDisruptionBudgetStatus: [
        [1, 'observedGeneration', 'int64'],
        [2, 'disruptedPods', 'map<string,Time>'],
        [3, 'disruptionsAllowed', 'int32', 'noOmitEmpty'],
        [4, 'currentHealthy', 'int32', 'noOmitEmpty'],
        [5, 'desiredHealthy', 'int32', 'noOmitEmpty'],
        [6, 'expectedPods', 'int32', 'noOmitEmpty'],
        [7, 'conditions', 'repeated Condition'],
      ],
      Eviction: [
        [1, 'metadata', 'ObjectMeta'],
        [2, 'deleteOptions', 'DeleteOptions', 'pointer'],
      ],
    },
  },
];

// ---- building the table ----

const SCALARS: ReadonlySet<string> = new Set<ScalarType>(['string', 'bytes', 'bool', 'int32', 'int64', 'sint32', 'sint64']);

function isScalar(t: string): t is ScalarType {
  return SCALARS.has(t);
}

interface Registry {
  messages: Map<string, MessageSchema>;
  kinds: Map<string, KindSchema>;
}

function buildRegistry(packages: readonly PackageDef[]): Registry {
  const defs = new Map<string, { pkg: PackageDef; def: MessageDef }>();
  for (const pkg of packages) {
    for (const [name, def] of Object.entries(pkg.messages)) defs.set(`${pkg.proto}.${name}`, { pkg, def });
    for (const kind of pkg.listedKinds ?? []) {
      defs.set(`${pkg.proto}.${kind}List`, {
        pkg,
        def: [
          [1, 'metadata', 'ListMeta'],
          [2, 'items', `repeated ${kind}`, 'noOmitEmpty'],
        ],
      });
    }
  }
  const byShortName = new Map<string, string[]>();
  for (const full of defs.keys()) {
    const short = full.slice(full.lastIndexOf('.') + 1);
    byShortName.set(short, [...(byShortName.get(short) ?? []), full]);
  }

  const resolve = (ref: string, pkg: PackageDef, where: string): ValueType => {
    if (isScalar(ref)) return { scalar: ref };
    if (defs.has(ref)) return { message: ref };
    if (defs.has(`${pkg.proto}.${ref}`)) return { message: `${pkg.proto}.${ref}` };
    const candidates = byShortName.get(ref) ?? [];
    if (candidates.length === 1) return { message: candidates[0]! };
    throw new Error(`protobuf schema ${where}: ${candidates.length ? 'ambiguous' : 'unknown'} type "${ref}"`);
  };

  const kindNames = new Set(packages.flatMap((pkg) => kindsOf(pkg).map((k) => `${pkg.proto}.${k}`)));
  const messages = new Map<string, MessageSchema>();
  for (const [fullName, { pkg, def }] of defs) {
    const fieldDefs = Array.isArray(def) ? def : (def as { fields: readonly FieldDef[] }).fields;
    const options = Array.isArray(def) ? {} : (def as { partial?: true; json?: JsonForm });
    const fields = fieldDefs.map(([number, name, type, ...modifiers]): FieldSchema => {
      const where = `${fullName}.${name}`;
      const map = /^map<(\w+),(\S+)>$/.exec(type);
      const repeated = /^repeated (\S+)$/.exec(type);
      const mapKey = map?.[1];
      if (mapKey !== undefined && !isScalar(mapKey)) throw new Error(`protobuf schema ${where}: map key must be a scalar`);
      return {
        number,
        name,
        kind: map ? 'map' : repeated ? 'repeated' : 'single',
        value: resolve(map?.[2] ?? repeated?.[1] ?? type, pkg, where),
        ...(mapKey !== undefined ? { mapKey } : {}),
        pointer: modifiers.includes('pointer'),
        omitEmpty: !modifiers.includes('noOmitEmpty'),
        inline: modifiers.includes('inline'),
      };
    });
    const byNumber = new Map(fields.map((f) => [f.number, f]));
    if (byNumber.size !== fields.length) throw new Error(`protobuf schema ${fullName}: duplicate field number`);
    messages.set(fullName, {
      name: fullName,
      fields,
      byNumber,
      partial: options.partial === true,
      isKind: kindNames.has(fullName),
      ...(options.json ? { jsonForm: options.json } : {}),
    });
  }

  const kinds = new Map<string, KindSchema>();
  for (const pkg of packages) {
    if (pkg.apiVersion === undefined) continue;
    for (const kind of kindsOf(pkg)) {
      const message = messages.get(`${pkg.proto}.${kind}`)!;
      kinds.set(kindKey(pkg.apiVersion, kind), { apiVersion: pkg.apiVersion, kind, message });
    }
  }
  return { messages, kinds };
}

function kindsOf(pkg: PackageDef): string[] {
  const listed = pkg.listedKinds ?? [];
  return [...(pkg.kinds ?? []), ...listed, ...listed.map((k) => `${k}List`)];
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

const REGISTRY = buildRegistry(PACKAGES);

/** Every message of the table, by full proto name. */
export const MESSAGES: ReadonlyMap<string, MessageSchema> = REGISTRY.messages;

/** Every top-level kind the codec can decode and encode. */
export const KINDS: readonly KindSchema[] = [...REGISTRY.kinds.values()];

export function kindSchema(apiVersion: string, kind: string): KindSchema | undefined {
  return REGISTRY.kinds.get(kindKey(apiVersion, kind));
}

export function messageSchema(fullName: string): MessageSchema {
  const schema = REGISTRY.messages.get(fullName);
  if (!schema) throw new Error(`no protobuf schema for message ${fullName}`);
  return schema;
}

export function fieldNamed(schema: MessageSchema, name: string): FieldSchema {
  const found = schema.fields.find((f) => f.name === name);
  if (!found) throw new Error(`${schema.name} has no field ${name}`);
  return found;
}

export function isVarintScalar(scalar: ScalarType): boolean {
  return scalar !== 'string' && scalar !== 'bytes';
}

export function wireTypeOf(scalar: ScalarType): WireType {
  return isVarintScalar(scalar) ? WireType.Varint : WireType.LengthDelimited;
}

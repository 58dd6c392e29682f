// The ClusterRoles of the kube-apiserver's bootstrap policy (plugin/pkg/auth/authorizer/rbac/
// bootstrappolicy/policy.go), as data. Controller roles live in controller-roles.ts.
//
// Sources, read through the research index: policy.go history; testdata/cluster-roles.yaml from
// a 1.36-era copy; testdata/cluster-roles-featuregates.yaml from the 1.33 cycle (all gates on);
// PRs #113267 (nodes/spec dropped from system:kubelet-api-admin in 1.27), #126347 (the
// KubeletFineGrainedAuthz rule, appended as a separate rule), #126724 (nodes/checkpoint for
// system:kubelet-api-admin: closed unmerged) and #132178 (system:monitoring gets nodes/metrics, 1.34).
import type { ClusterRole, PolicyRule } from '../types.js';
import type { KubeVersion } from '../../../versions.js';
import { only, select, type Conditional, type PolicyContext, type When } from './conditions.js';
import {
  aggregatedClusterRole,
  clusterRole,
  eventsRule,
  READ,
  READ_UPDATE,
  READ_WRITE,
  rule,
  urlRule,
  WRITE,
} from './rbac-builders.js';

export interface ClusterRoleSpec {
  name: string;
  rules: readonly (PolicyRule | Conditional<PolicyRule>)[];
  labels?: Record<string, string>;
  when?: When;
}

export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

// Upstream changes that no gate controls, listed by the releases on each side of them.
/** Before 1.34-36 events were granted only in the core group inside larger rules. */
const EVENTS_CORE_ONLY: readonly KubeVersion[] = ['1.31', '1.33'];
const EVENTS_BOTH_GROUPS: readonly KubeVersion[] = ['1.36'];
/** #132178, merged for 1.34. */
const MONITORING_READS_KUBELET_METRICS: readonly KubeVersion[] = ['1.36'];
/** kube-scheduler's lease rules stopped depending on CoordinatedLeaderElection by 1.36. */
const SCHEDULER_LEASES_ALWAYS_LISTED: readonly KubeVersion[] = ['1.36'];

const DRA: When = { gate: 'DynamicResourceAllocation' };

const aggregateToEditLegacyWrites = [
  'replicationcontrollers',
  'replicationcontrollers/scale',
  'serviceaccounts',
  'services',
  'services/proxy',
  'persistentvolumeclaims',
  'configmaps',
  'secrets',
];

const aggregateToViewLegacyStatus = [
  'limitranges',
  'resourcequotas',
  'bindings',
  'pods/status',
  'resourcequotas/status',
  'namespaces/status',
  'replicationcontrollers/status',
  'pods/log',
];

const schedulerLeaseRules: Conditional<PolicyRule>[] = [
  only(
    { versions: ['1.31', '1.33'], gateOff: 'CoordinatedLeaderElection' },
    rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-scheduler']),
  ),
  ...[
    rule(['get', 'list', 'update', 'watch'], ['coordination.k8s.io'], ['leases'], ['kube-scheduler']),
    rule(READ_WRITE, ['coordination.k8s.io'], ['leasecandidates']),
  ].map((r) => only([{ versions: SCHEDULER_LEASES_ALWAYS_LISTED }, { gate: 'CoordinatedLeaderElection' }], r)),
];

/** What every release's apiserver grants itself over the kubelet API; the subject of this lab. */
const kubeletApiAdminRules: (PolicyRule | Conditional<PolicyRule>)[] = [
  rule(READ, [''], ['nodes']),
  rule(['proxy'], [''], ['nodes']),
  // nodes/spec left in #113267 (1.27). nodes/checkpoint was never added (#126724 closed).
  rule(['*'], [''], ['nodes/proxy', 'nodes/metrics', 'nodes/stats', 'nodes/log']),
  // #126347: appended as its own rule while the apiserver's KubeletFineGrainedAuthz is on.
  only({ gate: 'KubeletFineGrainedAuthz' }, rule(['*'], [''], ['nodes/pods', 'nodes/healthz', 'nodes/configz'])),
];

export const BOOTSTRAP_CLUSTER_ROLES: readonly ClusterRoleSpec[] = [
  {
    name: 'cluster-admin',
    rules: [rule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])],
  },
  {
    name: 'system:discovery',
    rules: [
      urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*']),
    ],
  },
  {
    name: 'system:monitoring',
    rules: [
      only(
        { versions: ['1.31', '1.33'] },
        urlRule(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*']),
      ),
      only({ versions: ['1.31', '1.33'], gate: 'ComponentFlagz' }, urlRule(['get'], ['/flagz'])),
      only({ versions: ['1.31', '1.33'], gate: 'ComponentStatusz' }, urlRule(['get'], ['/statusz'])),
      only(
        { versions: ['1.36'], gateOff: 'ComponentStatusz' },
        urlRule(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*']),
      ),
      only(
        { versions: ['1.36'], gate: 'ComponentStatusz' },
        urlRule(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*', '/statusz']),
      ),
      only({ versions: ['1.36'], gate: 'ComponentFlagz' }, urlRule(['get'], ['/flagz'])),
      only({ versions: MONITORING_READS_KUBELET_METRICS }, rule(['get'], [''], ['nodes/metrics'])),
    ],
  },
  {
    name: 'system:basic-user',
    rules: [
      rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
    ],
  },
  {
    name: 'system:public-info-viewer',
    rules: [urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])],
  },
  {
    name: 'system:aggregate-to-admin',
    labels: { [AGGREGATE_TO_ADMIN]: 'true' },
    rules: [
      rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
      rule(READ_WRITE, ['rbac.authorization.k8s.io'], ['roles', 'rolebindings']),
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { [AGGREGATE_TO_EDIT]: 'true' },
    rules: [
      rule(READ, [''], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
      rule(['impersonate'], [''], ['serviceaccounts']),
      rule(WRITE, [''], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
      rule(['create'], [''], ['pods/eviction']),
      only({ versions: EVENTS_CORE_ONLY }, rule(WRITE, [''], [...aggregateToEditLegacyWrites, 'events'])),
      only({ versions: EVENTS_BOTH_GROUPS }, rule(WRITE, [''], aggregateToEditLegacyWrites)),
      rule(['create'], [''], ['serviceaccounts/token']),
      only({ versions: EVENTS_BOTH_GROUPS }, rule(WRITE, ['', 'events.k8s.io'], ['events'])),
      rule(WRITE, ['apps'], [
        'statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale',
        'deployments/rollback', 'replicasets', 'replicasets/scale',
      ]),
      rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
      rule(WRITE, ['batch'], ['jobs', 'cronjobs']),
      rule(WRITE, ['extensions'], [
        'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses',
        'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies',
      ]),
      rule(WRITE, ['policy'], ['poddisruptionbudgets']),
      rule(WRITE, ['networking.k8s.io'], ['networkpolicies', 'ingresses']),
      rule(READ_WRITE, ['coordination.k8s.io'], ['leases']),
      only(DRA, rule(WRITE, ['resource.k8s.io'], ['resourceclaims', 'resourceclaimtemplates'])),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { [AGGREGATE_TO_VIEW]: 'true' },
    rules: [
      rule(READ, [''], [
        'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services',
        'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps',
      ]),
      only({ versions: EVENTS_CORE_ONLY }, rule(READ, [''], [...aggregateToViewLegacyStatus, 'events'])),
      only({ versions: EVENTS_BOTH_GROUPS }, rule(READ, [''], aggregateToViewLegacyStatus)),
      rule(READ, [''], ['namespaces']),
      only({ versions: EVENTS_BOTH_GROUPS }, rule(READ, ['', 'events.k8s.io'], ['events'])),
      rule(READ, ['discovery.k8s.io'], ['endpointslices']),
      rule(READ, ['apps'], [
        'controllerrevisions', 'statefulsets', 'statefulsets/status', 'statefulsets/scale', 'daemonsets',
        'daemonsets/status', 'deployments', 'deployments/status', 'deployments/scale', 'replicasets',
        'replicasets/status', 'replicasets/scale',
      ]),
      rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
      rule(READ, ['batch'], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
      rule(READ, ['extensions'], [
        'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status',
        'ingresses', 'ingresses/status', 'replicasets', 'replicasets/scale', 'replicasets/status',
        'replicationcontrollers/scale', 'networkpolicies',
      ]),
      rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
      rule(READ, ['networking.k8s.io'], ['networkpolicies', 'ingresses', 'ingresses/status']),
      only(DRA, rule(READ, ['resource.k8s.io'], ['resourceclaims', 'resourceclaims/status', 'resourceclaimtemplates'])),
    ],
  },
  {
    name: 'system:heapster',
    rules: [
      rule(READ, [''], ['events', 'pods', 'nodes', 'namespaces']),
      rule(READ, ['extensions'], ['deployments']),
    ],
  },
  {
    name: 'system:node',
    rules: [
      rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews', 'localsubjectaccessreviews']),
      rule(READ, [''], ['services']),
      rule(['create', 'get', 'list', 'watch'], [''], ['nodes']),
      rule(['update', 'patch'], [''], ['nodes/status']),
      rule(['update', 'patch'], [''], ['nodes']),
      only({ versions: EVENTS_CORE_ONLY }, rule(['create', 'update', 'patch'], [''], ['events'])),
      only({ versions: EVENTS_BOTH_GROUPS }, eventsRule()),
      rule(READ, [''], ['pods']),
      rule(['create', 'delete'], [''], ['pods']),
      rule(['update', 'patch'], [''], ['pods/status']),
      rule(['create'], [''], ['pods/eviction']),
      rule(READ, [''], ['secrets', 'configmaps']),
      rule(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(['get'], [''], ['endpoints']),
      rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
      rule(['get', 'create', 'update', 'patch', 'delete'], ['coordination.k8s.io'], ['leases']),
      rule(['get'], ['storage.k8s.io'], ['volumeattachments']),
      rule(['create'], [''], ['serviceaccounts/token']),
      rule(['get', 'update', 'patch'], [''], ['persistentvolumeclaims/status']),
      rule(READ, ['storage.k8s.io'], ['csidrivers']),
      rule(['get', 'create', 'update', 'patch', 'delete'], ['storage.k8s.io'], ['csinodes']),
      rule(READ, ['node.k8s.io'], ['runtimeclasses']),
      only(DRA, rule(['get'], ['resource.k8s.io'], ['resourceclaims'])),
      only(DRA, rule(['deletecollection'], ['resource.k8s.io'], ['resourceslices'])),
      only({ gate: 'ClusterTrustBundleProjection' }, rule(READ, ['certificates.k8s.io'], ['clustertrustbundles'])),
      only({ gate: 'KubeletServiceAccountTokenForCredentialProviders' }, rule(['get'], [''], ['serviceaccounts'])),
    ],
  },
  {
    name: 'system:node-problem-detector',
    rules: [rule(['get'], [''], ['nodes']), rule(['patch'], [''], ['nodes/status']), eventsRule()],
  },
  {
    name: 'system:node-proxier',
    rules: [
      rule(['list', 'watch'], [''], ['services', 'endpoints']),
      rule(READ, [''], ['nodes']),
      eventsRule(),
      only({ gate: 'MultiCIDRServiceAllocator' }, rule(['list', 'watch'], ['networking.k8s.io'], ['servicecidrs'])),
      rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    ],
  },
  { name: 'system:kubelet-api-admin', rules: kubeletApiAdminRules },
  {
    name: 'system:node-bootstrapper',
    rules: [rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests'])],
  },
  {
    name: 'system:auth-delegator',
    rules: [
      rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    ],
  },
  { name: 'system:kube-aggregator', rules: [rule(READ, [''], ['services', 'endpoints'])] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      eventsRule(),
      rule(['create'], ['coordination.k8s.io'], ['leases']),
      rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-controller-manager']),
      rule(['create'], [''], ['secrets', 'serviceaccounts']),
      rule(['delete'], [''], ['secrets']),
      rule(['get'], [''], ['namespaces', 'secrets', 'serviceaccounts', 'configmaps']),
      rule(['update'], [''], ['secrets', 'serviceaccounts']),
      rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      rule(['list', 'watch'], ['*'], ['*']),
      rule(['create'], [''], ['serviceaccounts/token']),
    ],
  },
  {
    name: 'system:kube-dns',
    rules: [rule(['list', 'watch'], [''], ['endpoints', 'services'])],
  },
  {
    name: 'system:persistent-volume-provisioner',
    rules: [
      rule(['get', 'list', 'watch', 'create', 'delete'], [''], ['persistentvolumes']),
      rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']),
      rule(READ, ['storage.k8s.io'], ['storageclasses']),
      rule(['watch'], [''], ['events']),
      eventsRule(),
    ],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
    rules: [rule(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/nodeclient'])],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
    rules: [rule(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient'])],
  },
  {
    name: 'system:volume-scheduler',
    rules: [
      rule(READ_UPDATE, [''], ['persistentvolumes']),
      rule(READ, ['storage.k8s.io'], ['storageclasses']),
      rule(READ_UPDATE, [''], ['persistentvolumeclaims']),
    ],
  },
  ...[
    ['legacy-unknown-approver', 'kubernetes.io/legacy-unknown'],
    ['kubelet-serving-approver', 'kubernetes.io/kubelet-serving'],
    ['kube-apiserver-client-approver', 'kubernetes.io/kube-apiserver-client'],
    ['kube-apiserver-client-kubelet-approver', 'kubernetes.io/kube-apiserver-client-kubelet'],
  ].map(([suffix, signer]) => ({
    name: `system:certificates.k8s.io:${suffix}`,
    rules: [rule(['approve'], ['certificates.k8s.io'], ['signers'], [signer as string])],
  })),
  {
    name: 'system:service-account-issuer-discovery',
    rules: [
      urlRule(['get'], ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/']),
    ],
  },
  {
    name: 'system:cluster-trust-bundle-discovery',
    when: { gate: 'ClusterTrustBundle' },
    rules: [rule(READ, ['certificates.k8s.io'], ['clustertrustbundles'])],
  },
  {
    name: 'system:kube-scheduler',
    rules: [
      eventsRule(),
      rule(['create'], ['coordination.k8s.io'], ['leases']),
      ...schedulerLeaseRules,
      rule(READ, [''], ['nodes']),
      rule(['get', 'list', 'watch', 'delete'], [''], ['pods']),
      rule(['create'], [''], ['pods/binding', 'bindings']),
      rule(['patch', 'update'], [''], ['pods/status']),
      rule(READ, [''], ['services', 'replicationcontrollers']),
      rule(READ, ['apps', 'extensions'], ['replicasets']),
      rule(READ, ['apps'], ['statefulsets']),
      rule(READ, ['policy'], ['poddisruptionbudgets']),
      rule(READ, [''], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      rule(READ, ['storage.k8s.io'], ['csinodes']),
      rule(READ, ['storage.k8s.io'], ['volumeattachments']),
      rule(READ, [''], ['namespaces']),
      rule(READ, ['storage.k8s.io'], ['csidrivers']),
      rule(READ, ['storage.k8s.io'], ['csistoragecapacities']),
      ...[
        rule(READ, ['resource.k8s.io'], ['deviceclasses']),
        rule(READ_UPDATE, ['resource.k8s.io'], ['resourceclaims']),
        rule(READ_UPDATE, ['resource.k8s.io'], ['resourceclaims/status']),
        rule(['update'], [''], ['pods/finalizers']),
        rule(READ, ['resource.k8s.io'], ['resourceslices']),
      ].map((r) => only(DRA, r)),
      only({ gate: 'DRADeviceTaints' }, rule(READ, ['resource.k8s.io'], ['devicetaintrules'])),
      only({ versions: ['1.36'], gate: 'DynamicResourceAllocation' }, rule(['create', 'delete'], ['resource.k8s.io'], ['resourceclaims'])),
    ],
  },
];

/** admin, edit and view: empty until the aggregation controller fills them from their selectors. */
export const AGGREGATED_CLUSTER_ROLES = [
  { name: 'admin', selector: AGGREGATE_TO_ADMIN, labels: {} },
  { name: 'edit', selector: AGGREGATE_TO_EDIT, labels: { [AGGREGATE_TO_ADMIN]: 'true' } },
  { name: 'view', selector: AGGREGATE_TO_VIEW, labels: { [AGGREGATE_TO_EDIT]: 'true' } },
] as const;

/** Turn role specs into the ClusterRoles that exist in this context. */
export function buildClusterRoles(specs: readonly ClusterRoleSpec[], ctx: PolicyContext, bootstrap: boolean): ClusterRole[] {
  return select(specs.map((spec) => (spec.when ? only(spec.when, spec) : spec)), ctx).map((spec) =>
    clusterRole(spec.name, select(spec.rules, ctx), { bootstrap, ...(spec.labels ? { labels: spec.labels } : {}) }),
  );
}

export function bootstrapClusterRoles(ctx: PolicyContext): ClusterRole[] {
  const aggregated = AGGREGATED_CLUSTER_ROLES.map((role) =>
    aggregatedClusterRole(role.name, role.selector, { bootstrap: true, labels: role.labels }),
  );
  return [...aggregated, ...buildClusterRoles(BOOTSTRAP_CLUSTER_ROLES, ctx, true)];
}

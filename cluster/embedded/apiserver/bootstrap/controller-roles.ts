// The system:controller:* ClusterRoles of controller_policy.go: one per kube-controller-manager
// loop, each bound to the ServiceAccount of the same name in kube-system (kubeadm runs the
// controller manager with --use-service-account-credentials).
//
// Rules follow testdata/controller-roles.yaml of the 1.34 cycle. Releases differ by which
// controllers exist, and that is gated upstream exactly as here; small rule drifts between 1.31
// and 1.34 inside a role are not modelled (see the report of the session that wrote this).
import type { ClusterRoleSpec } from './cluster-roles.js';
import { eventsRule, READ, rule } from './rbac-builders.js';

export const CONTROLLER_ROLE_PREFIX = 'system:controller:';

interface ControllerRole {
  controller: string;
  spec: Omit<ClusterRoleSpec, 'name'>;
}

const controllers: ControllerRole[] = [
  {
    controller: 'attachdetach-controller',
    spec: {
      rules: [
        rule(['list', 'watch'], [''], ['persistentvolumes', 'persistentvolumeclaims']),
        rule(READ, [''], ['nodes']),
        rule(['patch', 'update'], [''], ['nodes/status']),
        rule(['list', 'watch'], [''], ['pods']),
        eventsRule(),
        rule(['get', 'create', 'delete', 'list', 'watch'], ['storage.k8s.io'], ['volumeattachments']),
        rule(READ, ['storage.k8s.io'], ['csidrivers']),
        rule(READ, ['storage.k8s.io'], ['csinodes']),
      ],
    },
  },
  {
    controller: 'certificate-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'delete'], ['certificates.k8s.io'], ['certificatesigningrequests']),
        rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/status', 'certificatesigningrequests/approval']),
        rule(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
        rule(['sign'], ['certificates.k8s.io'], ['signers'], [
          'kubernetes.io/legacy-unknown',
          'kubernetes.io/kube-apiserver-client',
          'kubernetes.io/kube-apiserver-client-kubelet',
          'kubernetes.io/kubelet-serving',
        ]),
        rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'clusterrole-aggregation-controller',
    spec: { rules: [rule(['escalate', 'get', 'list', 'watch', 'update', 'patch'], ['rbac.authorization.k8s.io'], ['clusterroles'])] },
  },
  {
    controller: 'cronjob-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update'], ['batch'], ['cronjobs']),
        rule(['get', 'list', 'watch', 'create', 'update', 'delete', 'patch'], ['batch'], ['jobs']),
        rule(['update'], ['batch'], ['cronjobs/status']),
        rule(['update'], ['batch'], ['cronjobs/finalizers']),
        rule(['list', 'watch', 'delete'], [''], ['pods']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'daemon-set-controller',
    spec: {
      rules: [
        rule(READ, ['extensions', 'apps'], ['daemonsets']),
        rule(['update'], ['extensions', 'apps'], ['daemonsets/status']),
        rule(['update'], ['extensions', 'apps'], ['daemonsets/finalizers']),
        rule(['list', 'watch'], [''], ['nodes']),
        rule(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']),
        rule(['create'], [''], ['pods/binding']),
        rule(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'], ['apps'], ['controllerrevisions']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'deployment-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update'], ['extensions', 'apps'], ['deployments']),
        rule(['update'], ['extensions', 'apps'], ['deployments/status']),
        rule(['update'], ['extensions', 'apps'], ['deployments/finalizers']),
        rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], ['apps', 'extensions'], ['replicasets']),
        rule(['get', 'list', 'watch', 'update'], [''], ['pods']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'device-taint-eviction-controller',
    spec: {
      when: { gate: 'DRADeviceTaints' },
      rules: [
        rule(['get', 'list', 'watch', 'delete'], [''], ['pods']),
        rule(['update', 'patch'], [''], ['pods/status']),
        rule(READ, ['resource.k8s.io'], ['resourceclaims']),
        rule(READ, ['resource.k8s.io'], ['resourceslices']),
        rule(READ, ['resource.k8s.io'], ['deviceclasses']),
        eventsRule(),
        rule(['update', 'patch'], ['resource.k8s.io'], ['devicetaintrules/status']),
        rule(READ, ['resource.k8s.io'], ['devicetaintrules']),
      ],
    },
  },
  {
    controller: 'disruption-controller',
    spec: {
      rules: [
        rule(READ, ['extensions', 'apps'], ['deployments']),
        rule(READ, ['apps', 'extensions'], ['replicasets']),
        rule(READ, [''], ['replicationcontrollers']),
        rule(READ, ['policy'], ['poddisruptionbudgets']),
        rule(READ, ['apps'], ['statefulsets']),
        rule(['update'], ['policy'], ['poddisruptionbudgets/status']),
        rule(['patch', 'update'], [''], ['pods/status']),
        rule(['get'], ['*'], ['*/scale']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'endpoint-controller',
    spec: {
      rules: [
        rule(READ, [''], ['services', 'pods']),
        rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [''], ['endpoints']),
        rule(['create'], [''], ['endpoints/restricted']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'endpointslice-controller',
    spec: {
      rules: [
        rule(READ, [''], ['services', 'pods', 'nodes']),
        rule(['update'], [''], ['services/finalizers']),
        rule(['get', 'list', 'watch', 'create', 'update', 'delete'], ['discovery.k8s.io'], ['endpointslices']),
        rule(['create'], ['discovery.k8s.io'], ['endpointslices/restricted']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'endpointslicemirroring-controller',
    spec: {
      rules: [
        rule(READ, [''], ['services', 'endpoints']),
        rule(['update'], [''], ['services/finalizers']),
        rule(['update'], [''], ['endpoints/finalizers']),
        rule(['get', 'list', 'watch', 'create', 'update', 'delete'], ['discovery.k8s.io'], ['endpointslices']),
        rule(['create'], ['discovery.k8s.io'], ['endpointslices/restricted']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'ephemeral-volume-controller',
    spec: {
      rules: [
        rule(READ, [''], ['pods']),
        rule(['update'], [''], ['pods/finalizers']),
        rule(['get', 'list', 'watch', 'create'], [''], ['persistentvolumeclaims']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'expand-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update', 'patch'], [''], ['persistentvolumes']),
        rule(['update', 'patch'], [''], ['persistentvolumeclaims/status']),
        rule(READ, [''], ['persistentvolumeclaims']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'generic-garbage-collector',
    spec: { rules: [rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*']), eventsRule()] },
  },
  {
    controller: 'horizontal-pod-autoscaler',
    spec: {
      rules: [
        rule(READ, ['autoscaling'], ['horizontalpodautoscalers']),
        rule(['update'], ['autoscaling'], ['horizontalpodautoscalers/status']),
        rule(['get', 'update'], ['*'], ['*/scale']),
        rule(['list', 'watch'], [''], ['pods']),
        rule(['list', 'watch'], ['metrics.k8s.io'], ['pods']),
        rule(READ, ['custom.metrics.k8s.io'], ['*']),
        rule(READ, ['external.metrics.k8s.io'], ['*']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'job-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update', 'patch'], ['batch'], ['jobs']),
        rule(['update'], ['batch'], ['jobs/status']),
        rule(['update'], ['batch'], ['jobs/finalizers']),
        rule(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'kube-apiserver-serving-clustertrustbundle-publisher',
    spec: {
      when: { gate: 'ClusterTrustBundle' },
      rules: [
        rule(['attest'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-serving']),
        rule(['create', 'delete', 'list', 'update', 'watch'], ['certificates.k8s.io'], ['clustertrustbundles']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'legacy-service-account-token-cleaner',
    spec: {
      rules: [
        rule(['get'], [''], ['configmaps'], ['kube-apiserver-legacy-service-account-token-tracking']),
        rule(['patch', 'delete'], [''], ['secrets']),
      ],
    },
  },
  {
    controller: 'namespace-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'delete'], [''], ['namespaces']),
        rule(['update'], [''], ['namespaces/finalize', 'namespaces/status']),
        rule(['get', 'list', 'watch', 'delete', 'deletecollection'], ['*'], ['*']),
      ],
    },
  },
  {
    controller: 'node-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update', 'delete', 'patch'], [''], ['nodes']),
        rule(['patch', 'update'], [''], ['nodes/status']),
        rule(['patch', 'update'], [''], ['pods/status']),
        rule(['get', 'list', 'watch', 'delete'], [''], ['pods']),
        rule(READ, ['coordination.k8s.io'], ['leases']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'persistent-volume-binder',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update', 'create', 'delete'], [''], ['persistentvolumes']),
        rule(['update'], [''], ['persistentvolumes/status']),
        rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']),
        rule(['update'], [''], ['persistentvolumeclaims/status']),
        rule(['get', 'list', 'watch', 'create', 'delete'], [''], ['pods']),
        rule(READ, ['storage.k8s.io'], ['storageclasses']),
        rule(['list', 'watch'], [''], ['nodes']),
        eventsRule(),
        rule(['watch'], [''], ['events']),
      ],
    },
  },
  {
    controller: 'pod-garbage-collector',
    spec: {
      rules: [
        rule(['list', 'watch', 'delete'], [''], ['pods']),
        rule(READ, [''], ['nodes']),
        rule(['patch'], [''], ['pods/status']),
      ],
    },
  },
  {
    controller: 'podcertificaterequestcleaner',
    spec: {
      when: { gate: 'PodCertificateRequest' },
      rules: [rule(['get', 'list', 'watch', 'delete'], ['certificates.k8s.io'], ['podcertificaterequests'])],
    },
  },
  {
    controller: 'pv-protection-controller',
    spec: { rules: [rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumes']), eventsRule()] },
  },
  {
    controller: 'pvc-protection-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']),
        rule(['update'], [''], ['persistentvolumeclaims/status']),
        rule(READ, [''], ['pods']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'replicaset-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update'], ['apps', 'extensions'], ['replicasets']),
        rule(['update'], ['apps', 'extensions'], ['replicasets/status']),
        rule(['update'], ['apps', 'extensions'], ['replicasets/finalizers']),
        rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'replication-controller',
    spec: {
      rules: [
        rule(['get', 'list', 'watch', 'update'], [''], ['replicationcontrollers']),
        rule(['update'], [''], ['replicationcontrollers/status']),
        rule(['update'], [''], ['replicationcontrollers/finalizers']),
        rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'resource-claim-controller',
    spec: {
      when: { gate: 'DynamicResourceAllocation' },
      rules: [
        rule(READ, [''], ['pods']),
        rule(['update'], [''], ['pods/finalizers']),
        rule(['get', 'list', 'watch', 'create', 'delete'], ['resource.k8s.io'], ['resourceclaims']),
        rule(['update', 'patch'], ['resource.k8s.io'], ['resourceclaims', 'resourceclaims/status']),
        rule(['update', 'patch'], [''], ['pods/status']),
        eventsRule(),
        rule(['update', 'patch'], ['resource.k8s.io'], ['resourceclaims/binding']),
      ],
    },
  },
  {
    controller: 'resourcequota-controller',
    spec: {
      rules: [rule(['list', 'watch'], ['*'], ['*']), rule(['update'], [''], ['resourcequotas/status']), eventsRule()],
    },
  },
  {
    controller: 'root-ca-cert-publisher',
    spec: { rules: [rule(['create', 'update'], [''], ['configmaps']), eventsRule()] },
  },
  {
    controller: 'route-controller',
    spec: { rules: [rule(['list', 'watch'], [''], ['nodes']), rule(['patch'], [''], ['nodes/status']), eventsRule()] },
  },
  {
    controller: 'selinux-warning-controller',
    spec: {
      when: [{ gate: 'SELinuxChangePolicy' }, { gate: 'SELinuxMount' }],
      rules: [
        eventsRule(),
        rule(READ, [''], ['persistentvolumes']),
        rule(READ, [''], ['persistentvolumeclaims']),
        rule(READ, [''], ['pods']),
        rule(READ, ['storage.k8s.io'], ['csidrivers']),
      ],
    },
  },
  {
    controller: 'service-account-controller',
    spec: { rules: [rule(['create'], [''], ['serviceaccounts']), eventsRule()] },
  },
  {
    controller: 'service-cidrs-controller',
    spec: {
      when: { gate: 'MultiCIDRServiceAllocator' },
      rules: [
        rule(['get', 'list', 'watch', 'patch', 'update'], ['networking.k8s.io'], ['servicecidrs']),
        rule(['patch', 'update'], ['networking.k8s.io'], ['servicecidrs/finalizers']),
        rule(['patch', 'update'], ['networking.k8s.io'], ['servicecidrs/status']),
        rule(READ, ['networking.k8s.io'], ['ipaddresses']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'service-controller',
    spec: {
      rules: [
        rule(READ, [''], ['services']),
        rule(['patch', 'update'], [''], ['services/status']),
        rule(['list', 'watch'], [''], ['nodes']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'statefulset-controller',
    spec: {
      rules: [
        rule(['list', 'watch'], [''], ['pods']),
        rule(READ, ['apps'], ['statefulsets']),
        rule(['update'], ['apps'], ['statefulsets/status']),
        rule(['update'], ['apps'], ['statefulsets/finalizers']),
        rule(['get', 'create', 'delete', 'update', 'patch'], [''], ['pods']),
        rule(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'], ['apps'], ['controllerrevisions']),
        rule(['get', 'list', 'watch', 'create'], [''], ['persistentvolumeclaims']),
        rule(['update', 'delete'], [''], ['persistentvolumeclaims']),
        rule(['update'], [''], ['pods/finalizers']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'storage-version-migrator-controller',
    spec: {
      when: { gate: 'StorageVersionMigrator' },
      rules: [
        rule(['list', 'patch'], ['*'], ['*']),
        rule(['get'], ['apiextensions.k8s.io'], ['customresourcedefinitions']),
        rule(['patch'], ['apiextensions.k8s.io'], ['customresourcedefinitions/status']),
        rule(['update'], ['storagemigration.k8s.io'], ['storageversionmigrations/status']),
      ],
    },
  },
  {
    controller: 'ttl-after-finished-controller',
    spec: { rules: [rule(['get', 'list', 'watch', 'delete'], ['batch'], ['jobs']), eventsRule()] },
  },
  {
    controller: 'ttl-controller',
    spec: { rules: [rule(['update', 'patch', 'list', 'watch'], [''], ['nodes']), eventsRule()] },
  },
  {
    controller: 'validatingadmissionpolicy-status-controller',
    spec: {
      rules: [
        rule(READ, ['admissionregistration.k8s.io'], ['validatingadmissionpolicies']),
        rule(['get', 'patch', 'update'], ['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status']),
        eventsRule(),
      ],
    },
  },
  {
    controller: 'volumeattributesclass-protection-controller',
    spec: {
      when: { gate: 'VolumeAttributesClass' },
      rules: [
        rule(READ, [''], ['persistentvolumeclaims']),
        rule(READ, [''], ['persistentvolumes']),
        rule(['get', 'list', 'watch', 'update'], ['storage.k8s.io'], ['volumeattributesclasses']),
        eventsRule(),
      ],
    },
  },
];

export interface ControllerRoleSpec extends ClusterRoleSpec {
  /** The kube-system ServiceAccount the matching binding names. */
  serviceAccount: string;
}

export const CONTROLLER_ROLES: readonly ControllerRoleSpec[] = controllers.map(({ controller, spec }) => ({
  ...spec,
  name: CONTROLLER_ROLE_PREFIX + controller,
  serviceAccount: controller,
}));

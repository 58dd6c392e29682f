// The kubelet encodes pods from Go structs, so its JSON lists fields in struct order, not in the
// order an object happened to be stored in. These are the k8s.io/api/core/v1 struct orders of the
// objects /pods returns; keys a table does not know keep their place after the known ones.

type Order = { keys: readonly string[]; children?: Readonly<Record<string, Order>>; items?: Readonly<Record<string, Order>> };

const CONTAINER: Order = {
  keys: ['name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'restartPolicyRules',
    'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath',
    'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty'],
};

const CONTAINER_STATUS: Order = {
  keys: ['name', 'state', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'containerID', 'started', 'allocatedResources',
    'resources', 'volumeMounts', 'user', 'allocatedResourcesStatus', 'stopSignal'],
};

const METADATA: Order = {
  keys: ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
    'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'],
};

const POD_SPEC: Order = {
  keys: ['volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
    'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName',
    'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity',
    'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName',
    'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers',
    'schedulingGates', 'resourceClaims', 'resources', 'hostnameOverride'],
  items: { initContainers: CONTAINER, containers: CONTAINER, ephemeralContainers: CONTAINER },
};

const POD_STATUS: Order = {
  keys: ['observedGeneration', 'phase', 'conditions', 'message', 'reason', 'nominatedNodeName', 'hostIP', 'hostIPs', 'podIP', 'podIPs',
    'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass', 'ephemeralContainerStatuses', 'resize', 'resourceClaimStatuses',
    'extendedResourceClaimStatus'],
  items: { initContainerStatuses: CONTAINER_STATUS, containerStatuses: CONTAINER_STATUS, ephemeralContainerStatuses: CONTAINER_STATUS },
};

const POD: Order = {
  keys: ['kind', 'apiVersion', 'metadata', 'spec', 'status'],
  children: { metadata: METADATA, spec: POD_SPEC, status: POD_STATUS },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function reorder(value: Record<string, unknown>, order: Order): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const place = (key: string) => {
    const v = value[key];
    const child = order.children?.[key];
    const item = order.items?.[key];
    if (child && isObject(v)) out[key] = reorder(v, child);
    else if (item && Array.isArray(v)) out[key] = v.map((x) => (isObject(x) ? reorder(x, item) : x));
    else out[key] = v;
  };
  for (const key of order.keys) if (key in value) place(key);
  for (const key of Object.keys(value)) if (!(key in out)) place(key);
  return out;
}

/** A pod's JSON with its fields in the order Go's encoding/json writes a v1.Pod. */
export function podInGoFieldOrder(pod: Record<string, unknown>): Record<string, unknown> {
  return reorder(pod, POD);
}

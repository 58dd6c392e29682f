// Core v1 kinds the lab works with, except Pod (pod.ts): Namespace, ServiceAccount, Secret,
// ConfigMap, Node and Event, with the references they share.

import type { GroupVersionKind, TypeDef } from '../schema-dsl.js';
import {
  boolean,
  bytes,
  field,
  int32,
  kindType,
  listOf,
  mapOf,
  objectType,
  quantity,
  ref,
  string,
  time,
} from '../schema-dsl.js';

export const CORE = 'io.k8s.api.core.v1.';
const gvk = (kind: string): GroupVersionKind => ({ group: '', version: 'v1', kind });

export const coreTypes: readonly TypeDef[] = [
  kindType(gvk('Namespace'), `${CORE}Namespace`, 'A scope for names, and the unit RoleBindings, quotas and policies apply to.', {
    spec: field('Finalizers that must run before the namespace can be removed.', ref(`${CORE}NamespaceSpec`)),
    status: field('Whether the namespace is Active or Terminating.', ref(`${CORE}NamespaceStatus`)),
  }),
  objectType(`${CORE}NamespaceSpec`, 'Desired state of a namespace.', {
    finalizers: field('Clean-up steps that must finish before the namespace is deleted, e.g. kubernetes.', listOf(string)),
  }),
  objectType(`${CORE}NamespaceStatus`, 'Observed state of a namespace.', {
    phase: field('Active, or Terminating once deletion has started.', string, { enum: ['Active', 'Terminating'] }),
  }),

  kindType(
    gvk('ServiceAccount'),
    `${CORE}ServiceAccount`,
    'An identity for processes in pods. Its user name is system:serviceaccount:<namespace>:<name>; RBAC ' +
      'bindings grant it permissions like any other subject.',
    {
      automountServiceAccountToken: field(
        'Whether pods using this account get an API token mounted by default. A pod can override it.',
        boolean,
      ),
      imagePullSecrets: field(
        'Secrets used to pull images for pods running as this account.',
        listOf(ref(`${CORE}LocalObjectReference`)),
      ),
      secrets: field(
        'Legacy list of secrets pods of this account may use. Token secrets are no longer created automatically.',
        listOf(ref(`${CORE}ObjectReference`)),
      ),
    },
  ),

  kindType(
    gvk('Secret'),
    `${CORE}Secret`,
    'Holds small amounts of sensitive data such as tokens, keys or passwords. Anyone allowed to get or list ' +
      'secrets in a namespace can read all of them.',
    {
      data: field('The secret values, base64-encoded. Keys are letters, digits, "-", "_" and ".".', mapOf(bytes)),
      stringData: field(
        'Write-only convenience: plain-text values merged into data on write. Never returned on read.',
        mapOf(string),
      ),
      type: field(
        'How the data is meant to be used, e.g. Opaque, kubernetes.io/tls or ' +
          'kubernetes.io/service-account-token. Some types require particular keys.',
        string,
      ),
      immutable: field('When true, data can no longer be changed; delete and recreate instead.', boolean),
    },
  ),

  kindType(gvk('ConfigMap'), `${CORE}ConfigMap`, 'Non-confidential configuration data for pods, as key/value pairs.', {
    data: field('Text values.', mapOf(string)),
    binaryData: field('Binary values, base64-encoded. Keys must not clash with data.', mapOf(bytes)),
    immutable: field('When true, the data can no longer be changed.', boolean),
  }),

  kindType(
    gvk('Node'),
    `${CORE}Node`,
    'A machine that runs pods. Its kubelet registers it, reports its status and serves the kubelet API on port ' +
      '10250, reachable through the API server as nodes/proxy.',
    {
      spec: field('How the node is configured.', ref(`${CORE}NodeSpec`)),
      status: field('The node\'s observed state, reported by its kubelet.', ref(`${CORE}NodeStatus`)),
    },
  ),
  objectType(`${CORE}NodeSpec`, 'Configuration of a node.', {
    podCIDR: field('IP range assigned to pods on this node.', string),
    podCIDRs: field('IP ranges assigned to pods on this node, one per IP family.', listOf(string)),
    providerID: field('ID of the machine at its infrastructure provider.', string),
    unschedulable: field('When true, no new pods are scheduled here (kubectl cordon).', boolean),
    taints: field('Taints that repel pods which do not tolerate them.', listOf(ref(`${CORE}Taint`))),
  }),
  objectType(`${CORE}Taint`, 'Marks a node so that only pods tolerating it run there.', {
    key: field('Taint key.', string, { required: true }),
    value: field('Taint value.', string),
    effect: field('What happens to pods that do not tolerate it.', string, {
      required: true,
      enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
    }),
    timeAdded: field('When a NoExecute taint was added.', time),
  }),
  objectType(`${CORE}NodeStatus`, 'Observed state of a node.', {
    addresses: field('Addresses of the node: InternalIP, ExternalIP, Hostname.', listOf(ref(`${CORE}NodeAddress`))),
    allocatable: field('Resources available to pods after system reservations.', mapOf(quantity)),
    capacity: field('Total resources of the node.', mapOf(quantity)),
    conditions: field('Current conditions, such as Ready, MemoryPressure, DiskPressure.', listOf(ref(`${CORE}NodeCondition`))),
    daemonEndpoints: field('Ports of the daemons on the node, including the kubelet.', ref(`${CORE}NodeDaemonEndpoints`)),
    nodeInfo: field('Versions and IDs reported by the node.', ref(`${CORE}NodeSystemInfo`)),
  }),
  objectType(`${CORE}NodeAddress`, 'One address of a node.', {
    type: field('Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.', string, { required: true }),
    address: field('The address.', string, { required: true }),
  }),
  objectType(`${CORE}NodeCondition`, 'One condition of a node.', {
    type: field('Condition type, e.g. Ready.', string, { required: true }),
    status: field('True, False or Unknown.', string, { required: true }),
    lastHeartbeatTime: field('When the kubelet last reported this condition.', time),
    lastTransitionTime: field('When the status last changed.', time),
    reason: field('Machine-readable reason for the last change.', string),
    message: field('Human-readable details.', string),
  }),
  objectType(`${CORE}NodeDaemonEndpoints`, 'Ports of daemons running on a node.', {
    kubeletEndpoint: field('Where the kubelet API listens.', ref(`${CORE}DaemonEndpoint`)),
  }),
  objectType(`${CORE}DaemonEndpoint`, 'A port a node daemon listens on.', {
    Port: field('Port number, 10250 for the kubelet.', int32, { required: true }),
  }),
  objectType(`${CORE}NodeSystemInfo`, 'Facts about a node\'s software.', {
    architecture: field('CPU architecture.', string),
    containerRuntimeVersion: field('Container runtime and version, e.g. containerd://2.2.0.', string),
    kernelVersion: field('Kernel version.', string),
    kubeletVersion: field('Kubelet version.', string),
    machineID: field('Machine ID.', string),
    operatingSystem: field('Operating system, e.g. linux.', string),
    osImage: field('OS image, e.g. Debian GNU/Linux 12.', string),
    systemUUID: field('System UUID.', string),
    bootID: field('Boot ID.', string),
  }),

  kindType(
    gvk('Event'),
    `${CORE}Event`,
    'A report of something that happened to an object, such as a pod being scheduled or an image failing to ' +
      'pull. Events expire after about an hour.',
    {
      involvedObject: field('The object the event is about.', ref(`${CORE}ObjectReference`), { required: true }),
      reason: field('Short CamelCase reason, e.g. FailedScheduling.', string),
      message: field('Human-readable description.', string),
      type: field('Normal or Warning.', string),
      source: field('The component that reported the event.', ref(`${CORE}EventSource`)),
      count: field('How many times this event has occurred.', int32),
      firstTimestamp: field('When the event first occurred.', time),
      lastTimestamp: field('When the event last occurred.', time),
      eventTime: field('When the event occurred, with microseconds.', ref('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime')),
      reportingComponent: field('Controller that emitted the event, e.g. kubelet.', string),
      reportingInstance: field('Instance of that controller, e.g. the node name.', string),
    },
  ),
  objectType(`${CORE}EventSource`, 'Where an event came from.', {
    component: field('Component name.', string),
    host: field('Node name.', string),
  }),

  objectType(`${CORE}ObjectReference`, 'Points at any object.', {
    kind: field('Kind of the object.', string),
    namespace: field('Namespace of the object.', string),
    name: field('Name of the object.', string),
    uid: field('UID of the object.', string),
    apiVersion: field('API version of the object.', string),
    resourceVersion: field('Resource version the reference was made at.', string),
    fieldPath: field('A field within the object, e.g. spec.containers{app}.', string),
  }),
  objectType(`${CORE}LocalObjectReference`, 'Points at an object in the same namespace by name.', {
    name: field('Name of the object.', string),
  }),
];

// Pod and the parts of PodSpec that matter for the lab: containers, volumes (hostPath,
// projected service account tokens...), security contexts and scheduling basics. A practical
// subset: fields left out are still accepted by the server, they just are not explained.

import type { TypeDef } from '../schema-dsl.js';
import {
  META,
  boolean,
  field,
  int32,
  int64,
  kindType,
  listOf,
  mapOf,
  objectType,
  quantity,
  ref,
  string,
  time,
} from '../schema-dsl.js';
import { CORE } from './core.js';

const PROFILE_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

const seccompProfile = field(
  'The seccomp filter to run with. RuntimeDefault is the container runtime\'s default filter; Unconfined turns filtering off.',
  ref(`${CORE}SeccompProfile`),
);
const appArmorProfile = field('The AppArmor profile to run with.', ref(`${CORE}AppArmorProfile`));
const runAsUser = field('User ID the processes run as, overriding the image\'s USER.', int64);
const runAsGroup = field('Primary group ID the processes run as.', int64);
const runAsNonRoot = field('When true, the kubelet refuses to start a container that would run as UID 0.', boolean);
const keyToPathItems = field(
  'Which keys to project and to which file names. By default every key becomes a file named after it.',
  listOf(ref(`${CORE}KeyToPath`)),
);
const optional = (what: string) => field(`When true, the pod starts even if the ${what} does not exist.`, boolean);

export const podTypes: readonly TypeDef[] = [
  kindType(
    { group: '', version: 'v1', kind: 'Pod' },
    `${CORE}Pod`,
    'One or more containers that run together on a node, sharing network and storage. The kubelet on the ' +
      'assigned node runs it and reports its status.',
    {
      spec: field('The desired pod: containers, volumes, security settings and scheduling.', ref(`${CORE}PodSpec`)),
      status: field('The observed pod, reported by the kubelet. Read-only.', ref(`${CORE}PodStatus`)),
    },
  ),
  objectType(`${CORE}PodTemplateSpec`, 'The pods a controller creates: their metadata and spec.', {
    metadata: field('Labels and annotations of the created pods.', ref(`${META}ObjectMeta`)),
    spec: field('Spec of the created pods.', ref(`${CORE}PodSpec`)),
  }),
  objectType(`${CORE}PodSpec`, 'The desired state of a pod.', {
    containers: field(
      'The containers of the pod. At least one; the list cannot change after creation.',
      listOf(ref(`${CORE}Container`)),
      { required: true },
    ),
    initContainers: field(
      'Containers run to completion, one after another, before the regular containers start.',
      listOf(ref(`${CORE}Container`)),
    ),
    volumes: field('Volumes the containers can mount.', listOf(ref(`${CORE}Volume`))),
    serviceAccountName: field(
      'The service account the pod runs as; its token is what the pod presents to the API server. ' +
        'Defaults to "default".',
      string,
    ),
    automountServiceAccountToken: field(
      'Whether an API token is mounted at /var/run/secrets/kubernetes.io/serviceaccount. ' +
        'Overrides the service account\'s setting.',
      boolean,
    ),
    nodeName: field('Node the pod is bound to. Set by the scheduler, or directly to skip scheduling.', string),
    nodeSelector: field('Labels a node must have for the pod to be scheduled on it.', mapOf(string)),
    tolerations: field('Taints the pod tolerates.', listOf(ref(`${CORE}Toleration`))),
    securityContext: field('Security settings for all containers of the pod.', ref(`${CORE}PodSecurityContext`)),
    hostNetwork: field('Use the node\'s network namespace. The pod can then reach ports bound on the node.', boolean),
    hostPID: field('Share the node\'s process ID namespace: the pod sees every process on the node.', boolean),
    hostIPC: field('Share the node\'s IPC namespace.', boolean),
    restartPolicy: field('When the kubelet restarts exited containers.', string, {
      enum: ['Always', 'Never', 'OnFailure'],
    }),
    terminationGracePeriodSeconds: field('Seconds between the stop signal and a forced kill. Defaults to 30.', int64),
    dnsPolicy: field('How the pod\'s DNS is configured, e.g. ClusterFirst.', string),
    hostname: field('Host name of the pod; defaults to the pod name.', string),
    imagePullSecrets: field('Secrets used to pull the images.', listOf(ref(`${CORE}LocalObjectReference`))),
    priorityClassName: field('PriorityClass giving the pod its scheduling priority.', string),
    runtimeClassName: field('RuntimeClass to run the pod with, e.g. a sandboxed runtime.', string),
  }),
  objectType(`${CORE}Container`, 'A container to run in a pod.', {
    name: field('Name of the container, unique within the pod.', string, { required: true }),
    image: field('Container image, e.g. registry.k8s.io/pause:3.10.', string),
    imagePullPolicy: field(
      'When to pull the image. Defaults to Always for the latest tag, IfNotPresent otherwise.',
      string,
      { enum: ['Always', 'IfNotPresent', 'Never'] },
    ),
    command: field('Entrypoint, replacing the image\'s ENTRYPOINT. Not run in a shell.', listOf(string)),
    args: field('Arguments, replacing the image\'s CMD.', listOf(string)),
    workingDir: field('Working directory, replacing the image\'s.', string),
    env: field('Environment variables.', listOf(ref(`${CORE}EnvVar`))),
    ports: field(
      'Ports the container listens on. Informational: any port the process opens is reachable.',
      listOf(ref(`${CORE}ContainerPort`)),
    ),
    resources: field('CPU and memory requests and limits.', ref(`${CORE}ResourceRequirements`)),
    volumeMounts: field('Volumes mounted into the container.', listOf(ref(`${CORE}VolumeMount`))),
    securityContext: field(
      'Security settings for this container; they override the pod\'s.',
      ref(`${CORE}SecurityContext`),
    ),
    stdin: field('Keep stdin open for attach.', boolean),
    tty: field('Allocate a TTY.', boolean),
  }),
  objectType(`${CORE}EnvVar`, 'An environment variable.', {
    name: field('Variable name.', string, { required: true }),
    value: field('Literal value; $(OTHER) references earlier variables.', string),
    valueFrom: field('Take the value from a secret, config map or pod field instead.', ref(`${CORE}EnvVarSource`)),
  }),
  objectType(`${CORE}EnvVarSource`, 'Where an environment variable\'s value comes from. Set exactly one.', {
    secretKeyRef: field('A key of a secret in the pod\'s namespace.', ref(`${CORE}SecretKeySelector`)),
    configMapKeyRef: field('A key of a config map in the pod\'s namespace.', ref(`${CORE}ConfigMapKeySelector`)),
    fieldRef: field('A field of the pod, e.g. spec.nodeName or metadata.namespace.', ref(`${CORE}ObjectFieldSelector`)),
  }),
  objectType(`${CORE}SecretKeySelector`, 'One key of a secret.', {
    name: field('Name of the secret.', string),
    key: field('Key within the secret.', string, { required: true }),
    optional: optional('secret or key'),
  }),
  objectType(`${CORE}ConfigMapKeySelector`, 'One key of a config map.', {
    name: field('Name of the config map.', string),
    key: field('Key within the config map.', string, { required: true }),
    optional: optional('config map or key'),
  }),
  objectType(`${CORE}ObjectFieldSelector`, 'A field of the pod.', {
    fieldPath: field('Path of the field, e.g. status.podIP.', string, { required: true }),
    apiVersion: field('Version the path is written against; defaults to v1.', string),
  }),
  objectType(`${CORE}ContainerPort`, 'A port a container listens on.', {
    containerPort: field('Port number inside the container.', int32, { required: true }),
    name: field('Name other objects can refer to the port by.', string),
    protocol: field('TCP, UDP or SCTP; defaults to TCP.', string, { enum: ['SCTP', 'TCP', 'UDP'] }),
    hostPort: field('Port to expose on the node as well. Avoid unless really needed.', int32),
  }),
  objectType(`${CORE}ResourceRequirements`, 'Compute resources of a container.', {
    requests: field('Amounts the scheduler reserves for the container.', mapOf(quantity)),
    limits: field('Most the container may use. Exceeding the memory limit gets it killed.', mapOf(quantity)),
  }),
  objectType(`${CORE}VolumeMount`, 'Where a volume appears inside a container.', {
    name: field('Name of the pod volume.', string, { required: true }),
    mountPath: field('Path inside the container.', string, { required: true }),
    readOnly: field('Mount read-only.', boolean),
    subPath: field('Mount only this path within the volume.', string),
  }),
  objectType(
    `${CORE}SecurityContext`,
    'Privileges and access control of one container. Where a field is also set for the pod, this one wins.',
    {
      privileged: field(
        'Run as privileged: nearly all the host\'s capabilities and devices, equivalent to root on the node.',
        boolean,
      ),
      allowPrivilegeEscalation: field(
        'Whether a process can gain more privileges than its parent (setuid binaries, no_new_privs unset). ' +
          'Always true when privileged or with CAP_SYS_ADMIN.',
        boolean,
      ),
      readOnlyRootFilesystem: field('Mount the container\'s root filesystem read-only.', boolean),
      runAsUser,
      runAsGroup,
      runAsNonRoot,
      capabilities: field('Linux capabilities to add to or drop from the runtime\'s defaults.', ref(`${CORE}Capabilities`)),
      seccompProfile,
      appArmorProfile,
    },
  ),
  objectType(`${CORE}PodSecurityContext`, 'Privileges and access control applied to every container of a pod.', {
    runAsUser,
    runAsGroup,
    runAsNonRoot,
    fsGroup: field('Group that owns mounted volumes and is added to every container process.', int64),
    supplementalGroups: field('Extra group IDs for the container processes.', listOf(int64)),
    seccompProfile,
    appArmorProfile,
  }),
  objectType(`${CORE}Capabilities`, 'Linux capabilities to add or drop.', {
    add: field('Capabilities to add, e.g. NET_ADMIN.', listOf(string)),
    drop: field('Capabilities to drop; ["ALL"] drops every one.', listOf(string)),
  }),
  objectType(`${CORE}SeccompProfile`, 'A seccomp profile.', {
    type: field('Which kind of profile.', string, { required: true, enum: PROFILE_TYPES }),
    localhostProfile: field(
      'For Localhost: path of the profile file, relative to the kubelet\'s seccomp directory.',
      string,
    ),
  }),
  objectType(`${CORE}AppArmorProfile`, 'An AppArmor profile.', {
    type: field('Which kind of profile.', string, { required: true, enum: PROFILE_TYPES }),
    localhostProfile: field('For Localhost: name of a profile loaded on the node.', string),
  }),
  objectType(`${CORE}Toleration`, 'Lets a pod run on nodes with a matching taint.', {
    key: field('Taint key to match; empty with operator Exists matches every taint.', string),
    operator: field('Equal compares the value; Exists ignores it.', string, { enum: ['Equal', 'Exists'] }),
    value: field('Taint value to match.', string),
    effect: field('Taint effect to match; empty matches all.', string, {
      enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
    }),
    tolerationSeconds: field('For NoExecute: how long the pod may stay once the taint appears.', int64),
  }),
  objectType(`${CORE}Volume`, 'A named volume. Set name and exactly one source.', {
    name: field('Name the containers\' volumeMounts refer to.', string, { required: true }),
    hostPath: field(
      'A file or directory of the node. Gives the pod direct access to the host: a classic escape path.',
      ref(`${CORE}HostPathVolumeSource`),
    ),
    emptyDir: field('An empty directory that lives as long as the pod.', ref(`${CORE}EmptyDirVolumeSource`)),
    secret: field('The keys of a secret, as files.', ref(`${CORE}SecretVolumeSource`)),
    configMap: field('The keys of a config map, as files.', ref(`${CORE}ConfigMapVolumeSource`)),
    projected: field(
      'Several sources in one directory, such as a service account token with its own audience and lifetime.',
      ref(`${CORE}ProjectedVolumeSource`),
    ),
    persistentVolumeClaim: field('A persistent volume, through its claim.', ref(`${CORE}PersistentVolumeClaimVolumeSource`)),
  }),
  objectType(`${CORE}HostPathVolumeSource`, 'A path on the node.', {
    path: field('Path on the node. If it is a symlink, the link is followed.', string, { required: true }),
    type: field('What must exist at the path, e.g. Directory, File, DirectoryOrCreate; empty checks nothing.', string),
  }),
  objectType(`${CORE}EmptyDirVolumeSource`, 'A scratch directory.', {
    medium: field('Empty for the node\'s disk, "Memory" for a tmpfs.', string),
    sizeLimit: field('Most the directory may hold.', quantity),
  }),
  objectType(`${CORE}SecretVolumeSource`, 'A secret as files.', {
    secretName: field('Name of the secret in the pod\'s namespace.', string),
    items: keyToPathItems,
    defaultMode: field('File mode bits, 0644 by default.', int32),
    optional: optional('secret'),
  }),
  objectType(`${CORE}ConfigMapVolumeSource`, 'A config map as files.', {
    name: field('Name of the config map.', string),
    items: keyToPathItems,
    defaultMode: field('File mode bits, 0644 by default.', int32),
    optional: optional('config map'),
  }),
  objectType(`${CORE}KeyToPath`, 'Projects one key to a file.', {
    key: field('The key.', string, { required: true }),
    path: field('Relative file path.', string, { required: true }),
    mode: field('File mode bits for this file.', int32),
  }),
  objectType(`${CORE}ProjectedVolumeSource`, 'A volume assembled from several sources.', {
    sources: field('The sources.', listOf(ref(`${CORE}VolumeProjection`))),
    defaultMode: field('File mode bits, 0644 by default.', int32),
  }),
  objectType(`${CORE}VolumeProjection`, 'One source of a projected volume. Set exactly one.', {
    serviceAccountToken: field(
      'A token of the pod\'s service account, rotated by the kubelet before it expires.',
      ref(`${CORE}ServiceAccountTokenProjection`),
    ),
    secret: field('Keys of a secret.', ref(`${CORE}SecretProjection`)),
    configMap: field('Keys of a config map.', ref(`${CORE}ConfigMapProjection`)),
  }),
  objectType(`${CORE}ServiceAccountTokenProjection`, 'A projected service account token.', {
    path: field('File name of the token.', string, { required: true }),
    audience: field('Audience the token is valid for; defaults to the API server\'s.', string),
    expirationSeconds: field('Requested lifetime; at least 600, default 3600.', int64),
  }),
  objectType(`${CORE}SecretProjection`, 'Secret keys in a projected volume.', {
    name: field('Name of the secret.', string),
    items: keyToPathItems,
    optional: optional('secret'),
  }),
  objectType(`${CORE}ConfigMapProjection`, 'Config map keys in a projected volume.', {
    name: field('Name of the config map.', string),
    items: keyToPathItems,
    optional: optional('config map'),
  }),
  objectType(`${CORE}PersistentVolumeClaimVolumeSource`, 'A claim in the pod\'s namespace.', {
    claimName: field('Name of the claim.', string, { required: true }),
    readOnly: field('Mount read-only.', boolean),
  }),
  objectType(`${CORE}PodStatus`, 'Observed state of a pod.', {
    phase: field('Where the pod is in its life cycle.', string, {
      enum: ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'],
    }),
    conditions: field('Conditions such as PodScheduled, Initialized, Ready.', listOf(ref(`${CORE}PodCondition`))),
    hostIP: field('IP of the node the pod runs on.', string),
    podIP: field('IP of the pod.', string),
    podIPs: field('IPs of the pod, one per IP family.', listOf(ref(`${CORE}PodIP`))),
    startTime: field('When the kubelet accepted the pod.', time),
    containerStatuses: field('One status per container.', listOf(ref(`${CORE}ContainerStatus`))),
    qosClass: field('Quality of service class: Guaranteed, Burstable or BestEffort.', string),
    reason: field('Short reason for the pod\'s state, e.g. Evicted.', string),
    message: field('Human-readable details about the pod\'s state.', string),
  }),
  objectType(`${CORE}PodCondition`, 'One condition of a pod.', {
    type: field('Condition type, e.g. Ready.', string, { required: true }),
    status: field('True, False or Unknown.', string, { required: true }),
    lastTransitionTime: field('When the status last changed.', time),
    reason: field('Machine-readable reason for the last change.', string),
    message: field('Human-readable details.', string),
  }),
  objectType(`${CORE}PodIP`, 'One IP of a pod.', { ip: field('The address.', string, { required: true }) }),
  objectType(`${CORE}ContainerStatus`, 'Observed state of one container.', {
    name: field('Container name.', string, { required: true }),
    ready: field('Whether the container passes its readiness probe.', boolean, { required: true }),
    restartCount: field('How many times the container has been restarted.', int32, { required: true }),
    image: field('Image the container runs.', string, { required: true }),
    imageID: field('ID of the image the container runs.', string, { required: true }),
    containerID: field('Runtime ID, e.g. containerd://<id>.', string),
    started: field('Whether the container has started and passed its startup probe.', boolean),
    state: field('Current state: waiting, running or terminated.', ref(`${CORE}ContainerState`)),
  }),
  objectType(`${CORE}ContainerState`, 'The state of a container. Exactly one member is set.', {
    waiting: field('Not running yet, e.g. pulling the image.', ref(`${CORE}ContainerStateWaiting`)),
    running: field('Running.', ref(`${CORE}ContainerStateRunning`)),
    terminated: field('Exited.', ref(`${CORE}ContainerStateTerminated`)),
  }),
  objectType(`${CORE}ContainerStateWaiting`, 'A container that is not running yet.', {
    reason: field('Why, e.g. ContainerCreating or ImagePullBackOff.', string),
    message: field('Details.', string),
  }),
  objectType(`${CORE}ContainerStateRunning`, 'A running container.', {
    startedAt: field('When it (re)started.', time),
  }),
  objectType(`${CORE}ContainerStateTerminated`, 'An exited container.', {
    exitCode: field('Exit code of the last run.', int32, { required: true }),
    reason: field('Why it exited, e.g. Completed or OOMKilled.', string),
    message: field('Details.', string),
    startedAt: field('When it started.', time),
    finishedAt: field('When it exited.', time),
  }),
];

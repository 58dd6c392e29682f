// apps/v1 Deployment and DaemonSet: the fields a lab manifest uses, plus status counters.

import type { GroupVersionKind, TypeDef } from '../schema-dsl.js';
import { META, boolean, field, int32, int64, intOrString, kindType, listOf, objectType, ref, string, time } from '../schema-dsl.js';
import { CORE } from './core.js';

const APPS = 'io.k8s.api.apps.v1.';
const gvk = (kind: string): GroupVersionKind => ({ group: 'apps', version: 'v1', kind });

const selector = field(
  'Which pods belong to this controller. Must match the template\'s labels and cannot change after creation.',
  ref(`${META}LabelSelector`),
  { required: true },
);
const template = field('The pods to create.', ref(`${CORE}PodTemplateSpec`), { required: true });
const minReadySeconds = field('Seconds a new pod must be ready, without crashing, to count as available.', int32);
const revisionHistoryLimit = field('How many old revisions to keep for rollback. Defaults to 10.', int32);
const maxUnavailable = field(
  'Most pods that may be unavailable during the update, as a number or a percentage.',
  intOrString,
);
const maxSurge = field('Most extra pods that may be created during the update, as a number or a percentage.', intOrString);
const observedGeneration = field('The generation the controller last acted on.', int64);
const conditionsOf = (kind: string) => field(`Conditions of the ${kind}.`, listOf(ref(`${APPS}${kind}Condition`)));

function conditionType(kind: string): TypeDef {
  return objectType(`${APPS}${kind}Condition`, `One condition of a ${kind}.`, {
    type: field('Condition type.', string, { required: true }),
    status: field('True, False or Unknown.', string, { required: true }),
    lastTransitionTime: field('When the status last changed.', time),
    reason: field('Machine-readable reason for the last change.', string),
    message: field('Human-readable details.', string),
  });
}

export const appsTypes: readonly TypeDef[] = [
  kindType(gvk('Deployment'), `${APPS}Deployment`, 'Keeps a number of identical pods running and rolls out changes to them.', {
    spec: field('The desired pods and how to update them.', ref(`${APPS}DeploymentSpec`)),
    status: field('Observed state, reported by the controller.', ref(`${APPS}DeploymentStatus`)),
  }),
  objectType(`${APPS}DeploymentSpec`, 'Desired state of a Deployment.', {
    replicas: field('How many pods to run. Defaults to 1.', int32),
    selector,
    template,
    strategy: field('How to replace old pods with new ones.', ref(`${APPS}DeploymentStrategy`)),
    minReadySeconds,
    revisionHistoryLimit,
    paused: field('When true, changes to the template are not rolled out.', boolean),
    progressDeadlineSeconds: field('Seconds before a stalled rollout is reported as failed. Defaults to 600.', int32),
  }),
  objectType(`${APPS}DeploymentStrategy`, 'How a Deployment rolls out changes.', {
    type: field('RollingUpdate (default) or Recreate.', string, { enum: ['Recreate', 'RollingUpdate'] }),
    rollingUpdate: field('Limits for a rolling update.', ref(`${APPS}RollingUpdateDeployment`)),
  }),
  objectType(`${APPS}RollingUpdateDeployment`, 'Limits of a rolling update. Both default to 25%.', {
    maxUnavailable,
    maxSurge,
  }),
  objectType(`${APPS}DeploymentStatus`, 'Observed state of a Deployment.', {
    observedGeneration,
    replicas: field('Pods targeted by the Deployment.', int32),
    updatedReplicas: field('Pods running the current template.', int32),
    readyReplicas: field('Pods that are ready.', int32),
    availableReplicas: field('Pods ready for at least minReadySeconds.', int32),
    unavailableReplicas: field('Pods still needed to reach the desired count.', int32),
    conditions: conditionsOf('Deployment'),
  }),
  conditionType('Deployment'),

  kindType(
    gvk('DaemonSet'),
    `${APPS}DaemonSet`,
    'Runs one copy of a pod on every node (or every node matching a selector), such as node agents.',
    {
      spec: field('The desired pods and how to update them.', ref(`${APPS}DaemonSetSpec`)),
      status: field('Observed state, reported by the controller.', ref(`${APPS}DaemonSetStatus`)),
    },
  ),
  objectType(`${APPS}DaemonSetSpec`, 'Desired state of a DaemonSet.', {
    selector,
    template,
    updateStrategy: field('How to replace old pods with new ones.', ref(`${APPS}DaemonSetUpdateStrategy`)),
    minReadySeconds,
    revisionHistoryLimit,
  }),
  objectType(`${APPS}DaemonSetUpdateStrategy`, 'How a DaemonSet rolls out changes.', {
    type: field('RollingUpdate (default) or OnDelete.', string, { enum: ['OnDelete', 'RollingUpdate'] }),
    rollingUpdate: field('Limits for a rolling update.', ref(`${APPS}RollingUpdateDaemonSet`)),
  }),
  objectType(`${APPS}RollingUpdateDaemonSet`, 'Limits of a DaemonSet rolling update.', {
    maxUnavailable,
    maxSurge,
  }),
  objectType(`${APPS}DaemonSetStatus`, 'Observed state of a DaemonSet.', {
    observedGeneration,
    desiredNumberScheduled: field('Nodes that should run the pod.', int32, { required: true }),
    currentNumberScheduled: field('Nodes running at least one pod of the DaemonSet.', int32, { required: true }),
    numberReady: field('Nodes whose pod is ready.', int32, { required: true }),
    numberAvailable: field('Nodes whose pod has been ready for minReadySeconds.', int32),
    numberMisscheduled: field('Nodes running the pod that should not.', int32, { required: true }),
    updatedNumberScheduled: field('Nodes running the current template.', int32),
    conditions: conditionsOf('DaemonSet'),
  }),
  conditionType('DaemonSet'),
];

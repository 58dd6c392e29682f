// Deployments and ReplicaSets: the apps/v1 defaults (pkg/apis/apps/v1/defaults.go, with the pod
// template's SetDefaults_PodSpec and SetDefaults_Container), the validation a learner can trip over
// (pkg/apis/apps/validation) and the registry strategies (pkg/registry/apps/*/strategy.go): status
// is written through <kind>/status only, and a Deployment's generation also moves when its
// annotations change, because they are copied to its ReplicaSets.

import type { KubeObject, LabelSelector } from '../../types.js';
import type { FieldError } from '../../status.js';
import type { Strategy } from '../strategy.js';
import { selectorMatches } from '../../label-selector.js';
import { goQuote } from '../../authorization/go-quote.js';

export type IntOrString = number | string;

export interface Container {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  ports?: { protocol?: string }[];
  [k: string]: unknown;
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[]; [k: string]: unknown };
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
    volumes?: Record<string, unknown>[];
    [k: string]: unknown;
  };
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template?: PodTemplate;
  strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export interface Condition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  terminatingReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export interface Deployment extends KubeObject {
  spec: DeploymentSpec;
  status?: DeploymentStatus;
}

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector | null;
  template?: PodTemplate;
}

export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface ReplicaSet extends KubeObject {
  spec: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}

export const ROLLING_UPDATE = 'RollingUpdate';
export const RECREATE = 'Recreate';

/** SetDefaults_Deployment: mutates and returns the object's spec. */
export function defaultDeploymentSpec(obj: KubeObject): DeploymentSpec {
  const spec = ((obj.spec ??= {}) as DeploymentSpec);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= ROLLING_UPDATE;
  if (strategy.type === ROLLING_UPDATE) {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= '25%';
    rolling.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  if (spec.template) defaultPodTemplate(spec.template);
  return spec;
}

/** SetDefaults_ReplicaSet. */
export function defaultReplicaSetSpec(obj: KubeObject): ReplicaSetSpec {
  const spec = ((obj.spec ??= {}) as ReplicaSetSpec);
  spec.replicas ??= 1;
  if (spec.template) defaultPodTemplate(spec.template);
  return spec;
}

/**
 * The defaults a pod template gets (SetDefaults_PodSpec, SetDefaults_Container, the volume
 * sources'). Admission (service account, priority, default tolerations) runs on each pod
 * created from it, never on the template.
 */
function defaultPodTemplate(template: PodTemplate): void {
  const spec = (template.spec ??= {});
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    c.imagePullPolicy ??= latestTag(c.image ?? '') ? 'Always' : 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    if (Array.isArray(c.ports)) c.ports = c.ports.map((p) => ({ ...p, protocol: p.protocol || 'TCP' }));
  }
  for (const v of spec.volumes ?? []) {
    for (const key of ['secret', 'configMap']) {
      const source = v[key] as Record<string, unknown> | undefined;
      if (source && typeof source === 'object') source.defaultMode ??= 420;
    }
  }
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
}

function latestTag(image: string): boolean {
  if (image.includes('@')) return false;
  const last = image.split('/').pop() ?? '';
  return !last.includes(':') || last.endsWith(':latest');
}

/** ValidateDeploymentSpec / ValidateReplicaSetSpec: the checks that keep the controllers sane. */
function validateWorkload(obj: KubeObject): FieldError[] {
  const spec = (obj.spec ?? {}) as ReplicaSetSpec;
  const errors: FieldError[] = [];
  if (spec.replicas !== undefined && spec.replicas < 0) {
    errors.push({ type: 'FieldValueInvalid', field: 'spec.replicas', detail: `Invalid value: ${spec.replicas}: must be greater than or equal to 0` });
  }
  if (!spec.selector) {
    errors.push({ type: 'FieldValueRequired', field: 'spec.selector', detail: 'Required value' });
    return errors;
  }
  const labels = spec.template?.metadata?.labels ?? {};
  if (!selectorMatches(spec.selector, labels)) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.template.metadata.labels',
      detail: `Invalid value: ${goStringMap(labels)}: \`selector\` does not match template \`labels\``,
    });
  }
  if (!spec.template?.spec?.containers?.length) {
    errors.push({ type: 'FieldValueRequired', field: 'spec.template.spec.containers', detail: 'Required value' });
  }
  return errors;
}

/** Go's %#v of a map[string]string: keys sorted, keys and values quoted. */
function goStringMap(map: Record<string, string>): string {
  const entries = Object.keys(map).sort().map((k) => `${goQuote(k)}:${goQuote(map[k]!)}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** The status subresource: only status (and, for Deployments, annotations) may change. */
const workloadStatusStrategy: Strategy = {
  prepareForUpdate(obj, old) {
    obj.spec = old.spec;
    obj.metadata.labels = old.metadata.labels;
    if (obj.metadata.labels === undefined) delete obj.metadata.labels;
  },
};

function workloadStrategy(defaults: (obj: KubeObject) => unknown, generationFollowsAnnotations: boolean): Strategy {
  return {
    prepareForCreate(obj) {
      defaults(obj);
      obj.status = {};
      obj.metadata.generation = 1;
    },
    prepareForUpdate(obj, old) {
      defaults(obj);
      obj.status = old.status;
      const changed = JSON.stringify(obj.spec) !== JSON.stringify(old.spec) ||
        (generationFollowsAnnotations && JSON.stringify(obj.metadata.annotations ?? {}) !== JSON.stringify(old.metadata.annotations ?? {}));
      obj.metadata.generation = (old.metadata.generation ?? 0) + (changed ? 1 : 0);
    },
    validate: validateWorkload,
    status: workloadStatusStrategy,
  };
}

export const deploymentStrategy: Strategy = workloadStrategy(defaultDeploymentSpec, true);
export const replicaSetStrategy: Strategy = workloadStrategy(defaultReplicaSetSpec, false);

// Pods: the defaults kube-apiserver fills (pkg/apis/core/v1/defaults.go), the ServiceAccount
// admission plugin (default SA, the kube-api-access projected token volume) and the basic
// validation a learner can trip over. Scheduling and status belong to controllers.

import type { KubeObject } from '../../types.js';
import type { FieldError } from '../../status.js';
import type { Strategy, StrategyContext } from '../strategy.js';
import { resourceKey } from '../../storage/store.js';
import { forbidden } from '../../status.js';
import { randomSuffix } from '../../names.js';

interface Container {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  resources?: unknown;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  [k: string]: unknown;
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  volumes?: { name: string; [k: string]: unknown }[];
  nodeName?: string;
  terminationGracePeriodSeconds?: number;
  tolerations?: Toleration[];
  [k: string]: unknown;
}

interface Toleration {
  key?: string;
  operator?: string;
  effect?: string;
  tolerationSeconds?: number;
}

const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

export const podStrategy: Strategy = {
  prepareForCreate(obj, ctx) {
    const spec = (obj.spec ?? {}) as PodSpec;
    obj.spec = spec;
    admitServiceAccount(obj, spec, ctx);
    defaultPodSpec(spec);
    obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
  },
  prepareForUpdate(obj, old) {
    // Status is written through pods/status only; spec is mostly immutable upstream.
    obj.status = old.status;
  },
  status: {
    // podStatusStrategy: the spec and the owner references stay as stored; qosClass, set at
    // creation, is backfilled when a writer leaves it out.
    prepareForUpdate(obj, old) {
      obj.spec = old.spec;
      obj.metadata.ownerReferences = old.metadata.ownerReferences;
      if (obj.metadata.ownerReferences === undefined) delete obj.metadata.ownerReferences;
      const status = (obj.status ?? {}) as { qosClass?: string };
      const storedQos = (old.status as { qosClass?: string } | undefined)?.qosClass;
      if (!status.qosClass && storedQos) status.qosClass = storedQos;
      obj.status = status;
    },
  },
  gracePeriod(obj, requested) {
    // CheckGracefulDelete: the request's period, else the pod's; none for a pod no node runs.
    const spec = (obj.spec ?? {}) as PodSpec;
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    const period = requested ?? spec.terminationGracePeriodSeconds ?? 0;
    return period < 0 ? 1 : period;
  },
  returnsDeletedObject: true,
  validate(obj) {
    const spec = (obj.spec ?? {}) as PodSpec;
    const errors: FieldError[] = [];
    if (!spec.containers?.length) errors.push({ type: 'FieldValueRequired', field: 'spec.containers', detail: 'Required value' });
    spec.containers?.forEach((c, i) => {
      if (!c.name) errors.push({ type: 'FieldValueRequired', field: `spec.containers[${i}].name`, detail: 'Required value' });
      if (!c.image) errors.push({ type: 'FieldValueRequired', field: `spec.containers[${i}].image`, detail: 'Required value' });
    });
    return errors;
  },
};

function admitServiceAccount(pod: KubeObject, spec: PodSpec, ctx: StrategyContext): void {
  const saName = spec.serviceAccountName || spec.serviceAccount || 'default';
  spec.serviceAccountName = saName;
  spec.serviceAccount = saName;
  const sa = ctx.store.get(resourceKey('', 'serviceaccounts'), ctx.namespace, saName);
  if (!sa) {
    throw forbidden('', 'pods', pod.metadata.name ?? '', `error looking up service account ${ctx.namespace}/${saName}: serviceaccount "${saName}" not found`);
  }
  const automount = spec.automountServiceAccountToken ?? (sa.automountServiceAccountToken as boolean | undefined) ?? true;
  if (!automount) return;
  const volumeName = `kube-api-access-${randomSuffix()}`;
  spec.volumes = [...(spec.volumes ?? []), serviceAccountTokenVolume(volumeName)];
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    if (c.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
  }
}

/** The projected token volume (kube-api-access-*) the ServiceAccount admission plugin adds. */
export function serviceAccountTokenVolume(name: string) {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

function defaultPodSpec(spec: PodSpec): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    c.imagePullPolicy ??= imageTagIsLatest(c.image ?? '') ? 'Always' : 'IfNotPresent';
    c.resources ??= {};
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    // SetDefaults_ContainerPort
    if (Array.isArray(c.ports)) c.ports = (c.ports as { protocol?: string }[]).map((p) => ({ ...p, protocol: p.protocol || 'TCP' }));
  }
  for (const v of spec.volumes ?? []) defaultVolume(v);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  // DefaultTolerationSeconds admission: each of the two taints is tolerated for 300s unless the
  // pod already tolerates it (that key or any key; NoExecute or any effect), whatever else it has.
  const tolerations = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const covered = tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
    if (!covered) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

/** SetDefaults_Volume and the volume sources' own defaults (a bare volume is an emptyDir). */
function defaultVolume(v: Record<string, unknown>): void {
  if (Object.keys(v).every((k) => k === 'name')) v.emptyDir = {};
  const source = (key: string) => (typeof v[key] === 'object' && v[key] !== null ? (v[key] as Record<string, unknown>) : undefined);
  const hostPath = source('hostPath');
  if (hostPath) hostPath.type ??= '';
  for (const key of ['secret', 'configMap']) {
    const s = source(key);
    if (s) s.defaultMode ??= 420;
  }
}

function imageTagIsLatest(image: string): boolean {
  const lastSegment = image.split('/').pop() ?? '';
  if (image.includes('@')) return false;
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
  return tag === undefined || tag === 'latest';
}


// A container's environment as the kubelet and containerd build it: PATH, HOSTNAME, the
// image's ENV, the container's declared env (envFrom, env with $(VAR) references and valueFrom),
// then the service-link variables (pkg/kubelet/envvars), and HOME last (runc adds it).

import type { KubeObject } from '../../apiserver/types.js';
import type { ClusterObjects } from './cluster-objects.js';
import type { ImageProfile } from './image/images.js';
import { objectData, podField, type ContainerSpec, type PodView } from './pod-view.js';

/** kind's (and kubeadm's) default: the first address of the service CIDR 10.96.0.0/16. */
const KUBERNETES_SERVICE = { name: 'kubernetes', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] };

interface ServiceLink {
  name: string;
  clusterIP: string;
  ports: { name?: string; port: number; protocol?: string }[];
}

function serviceLink(service: KubeObject): ServiceLink | undefined {
  const spec = (service.spec ?? {}) as { clusterIP?: string; ports?: ServiceLink['ports'] };
  if (!spec.clusterIP || spec.clusterIP === 'None' || !spec.ports?.length) return undefined;
  return { name: service.metadata.name ?? '', clusterIP: spec.clusterIP, ports: spec.ports };
}

const envName = (name: string) => name.replace(/-/g, '_').toUpperCase();

/** envvars.FromServices: host, ports, and the Docker link variables of each service. */
function serviceEnvironment(services: readonly ServiceLink[]): [string, string][] {
  const result: [string, string][] = [];
  for (const service of services) {
    const prefix = envName(service.name);
    const first = service.ports[0]!;
    result.push([`${prefix}_SERVICE_HOST`, service.clusterIP], [`${prefix}_SERVICE_PORT`, String(first.port)]);
    for (const port of service.ports) if (port.name) result.push([`${prefix}_SERVICE_PORT_${envName(port.name)}`, String(port.port)]);
    service.ports.forEach((port, index) => {
      const protocol = (port.protocol ?? 'TCP').toLowerCase();
      const address = `${protocol}://${service.clusterIP}:${port.port}`;
      if (index === 0) result.push([`${prefix}_PORT`, address]);
      const portPrefix = `${prefix}_PORT_${port.port}_${protocol.toUpperCase()}`;
      result.push([portPrefix, address], [`${portPrefix}_PROTO`, protocol], [`${portPrefix}_PORT`, String(port.port)], [`${portPrefix}_ADDR`, service.clusterIP]);
    });
  }
  return result;
}

/** The services whose variables a pod gets: `kubernetes` always, its namespace's with service links on. */
function linkedServices(pod: PodView, objects: ClusterObjects): ServiceLink[] {
  const master = objects.services('default').map(serviceLink).find((s) => s?.name === 'kubernetes') ?? KUBERNETES_SERVICE;
  const links = new Map<string, ServiceLink>([[master.name, master]]);
  if (pod.spec.enableServiceLinks !== false) {
    for (const service of objects.services(pod.namespace)) {
      const link = serviceLink(service);
      if (link && !links.has(link.name)) links.set(link.name, link);
    }
  }
  return [...links.values()];
}

/** Expands $(VAR) references against variables defined so far; $$(VAR) escapes. */
function expandReferences(value: string, defined: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    return defined.get(name) ?? whole;
  });
}

export interface EnvironmentInput {
  pod: PodView;
  container: ContainerSpec;
  profile: ImageProfile;
  path: string;
  hostname: string;
  home: string;
  objects: ClusterObjects;
}

/** The declared and service variables the kubelet hands the runtime (makeEnvironmentVariables). */
function kubeletVariables(input: EnvironmentInput): [string, string][] {
  const { pod, container, objects } = input;
  const serviceAccount = pod.spec.serviceAccountName ?? 'default';
  const declared = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    const data = source.configMapRef
      ? objectData(objects.configMap(pod.namespace, source.configMapRef.name ?? ''), 'plain')
      : objectData(objects.secret(pod.namespace, source.secretRef?.name ?? ''), 'base64');
    for (const [k, v] of data ?? []) declared.set(`${source.prefix ?? ''}${k}`, v);
  }
  const services = serviceEnvironment(linkedServices(pod, objects));
  const serviceMap = new Map(services);
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    let value: string | undefined = variable.value === undefined ? '' : expandReferences(variable.value, new Map([...serviceMap, ...declared]));
    if (from?.fieldRef?.fieldPath) value = podField(pod, from.fieldRef.fieldPath, serviceAccount) ?? '';
    else if (from?.configMapKeyRef) value = objectData(objects.configMap(pod.namespace, from.configMapKeyRef.name ?? ''), 'plain')?.get(from.configMapKeyRef.key ?? '');
    else if (from?.secretKeyRef) value = objectData(objects.secret(pod.namespace, from.secretKeyRef.name ?? ''), 'base64')?.get(from.secretKeyRef.key ?? '');
    else if (from?.resourceFieldRef) value = '0';
    if (value !== undefined) declared.set(variable.name, value);
  }
  return [...declared, ...services.filter(([name]) => !declared.has(name))];
}

/** The whole environment, in the order `env` prints it inside the container. */
export function containerEnvironment(input: EnvironmentInput): Map<string, string> {
  // oci.WithEnv replaces a key in place and appends new ones; a Map does the same.
  const env = new Map<string, string>([
    ['PATH', input.path],
    ['HOSTNAME', input.hostname],
  ]);
  for (const [k, v] of input.profile.env) env.set(k, v);
  for (const [k, v] of kubeletVariables(input)) env.set(k, v);
  if (!env.has('HOME')) env.set('HOME', input.home);
  return env;
}

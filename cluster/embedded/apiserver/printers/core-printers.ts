// printers.go handlers for core/v1 kinds other than pods and events: nodes, namespaces,
// secrets, configmaps, serviceaccounts, services and endpoints.

import type { KubeObject } from '../types.js';
import * as doc from './descriptions.js';
import { translateTimestampSince } from './human-duration.js';
import { formatLabels } from './label-format.js';
import type { ResourcePrinter } from './printer.js';
import { ageColumn, column, nameColumn, nameOf, wideColumn } from './printer.js';

function age(obj: KubeObject, now: Date): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, now);
}

function countKeys(map: unknown): number {
  return map && typeof map === 'object' ? Object.keys(map).length : 0;
}

// ---------------------------------------------------------------------------------------------
// nodes

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

interface NodeJson extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type: string; status?: string }[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

/** "Ready"/"NotReady" from the Ready condition ("Unknown" without one), then ",SchedulingDisabled". */
function nodeStatus(node: NodeJson): string {
  let ready: string | undefined;
  for (const c of node.status?.conditions ?? []) if (c.type === 'Ready') ready = c.status; // last one wins
  const status = [ready === undefined ? 'Unknown' : ready === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Roles from node-role.kubernetes.io/<role> keys and the legacy kubernetes.io/role value, sorted. */
function nodeRoles(node: NodeJson): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function nodeAddress(node: NodeJson, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column('Status', 'string', doc.node.status),
    column('Roles', 'string', doc.node.roles),
    ageColumn,
    column('Version', 'string', doc.node.kubeletVersion),
    wideColumn('Internal-IP', 'string', doc.node.addresses),
    wideColumn('External-IP', 'string', doc.node.addresses),
    wideColumn('OS-Image', 'string', doc.node.osImage),
    wideColumn('Kernel-Version', 'string', doc.node.kernelVersion),
    wideColumn('Container-Runtime', 'string', doc.node.containerRuntimeVersion),
  ],
  printRow(obj, { now }) {
    const node = obj as NodeJson;
    const info = node.status?.nodeInfo ?? {};
    return {
      cells: [
        nameOf(node),
        nodeStatus(node),
        nodeRoles(node),
        age(node, now),
        info.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

// ---------------------------------------------------------------------------------------------
// namespaces, secrets, configmaps, serviceaccounts

export const namespacePrinter: ResourcePrinter = {
  source: 'printer',
  columns: [nameColumn, column('Status', 'string', doc.namespace.status), ageColumn],
  printRow(obj, { now }) {
    const phase = (obj.status as { phase?: string } | undefined)?.phase ?? '';
    return { cells: [nameOf(obj), phase, age(obj, now)] };
  },
};

export const secretPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [nameColumn, column('Type', 'string', doc.secret.type), column('Data', 'string', doc.secret.data), ageColumn],
  printRow(obj, { now }) {
    return { cells: [nameOf(obj), typeof obj.type === 'string' ? obj.type : '', countKeys(obj.data), age(obj, now)] };
  },
};

export const configMapPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [nameColumn, column('Data', 'string', doc.configMap.data), ageColumn],
  printRow(obj, { now }) {
    return { cells: [nameOf(obj), countKeys(obj.data) + countKeys(obj.binaryData), age(obj, now)] };
  },
};

export const serviceAccountPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [nameColumn, column('Secrets', 'string', doc.serviceAccount.secrets), ageColumn],
  printRow(obj, { now }) {
    const secrets = Array.isArray(obj.secrets) ? obj.secrets.length : 0;
    return { cells: [nameOf(obj), secrets, age(obj, now)] };
  },
};

// ---------------------------------------------------------------------------------------------
// services

interface ServiceJson extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    ports?: { port: number; protocol?: string; nodePort?: number }[];
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** Load-balancer ingress IPs (or hostnames), sorted and de-duplicated like a sets.String. */
function loadBalancerAddresses(svc: ServiceJson): string[] {
  const addresses = new Set<string>();
  for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
    if (ingress.ip) addresses.add(ingress.ip);
    else if (ingress.hostname) addresses.add(ingress.hostname);
  }
  return [...addresses].sort();
}

// The server prints with Wide=true, so long load-balancer lists are never clipped here.
function serviceExternalIP(svc: ServiceJson): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(svc), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function servicePorts(svc: ServiceJson): string {
  const ports = (svc.spec?.ports ?? []).map((p) =>
    p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`,
  );
  return ports.length > 0 ? ports.join(',') : '<none>';
}

export const servicePrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column('Type', 'string', doc.service.type),
    column('Cluster-IP', 'string', doc.service.clusterIP),
    column('External-IP', 'string', doc.service.externalIPs),
    column('Port(s)', 'string', doc.service.ports),
    ageColumn,
    wideColumn('Selector', 'string', doc.service.selector),
  ],
  printRow(obj, { now }) {
    const svc = obj as ServiceJson;
    // v1 objects that only set clusterIP convert to a one-entry clusterIPs.
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP;
    return {
      cells: [
        nameOf(svc),
        svc.spec?.type ?? '',
        clusterIP || '<none>',
        serviceExternalIP(svc),
        servicePorts(svc),
        age(svc, now),
        formatLabels(svc.spec?.selector),
      ],
    };
  },
};

// ---------------------------------------------------------------------------------------------
// endpoints

interface EndpointsJson extends KubeObject {
  subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[];
}

const MAX_LISTED_ENDPOINTS = 3;

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints: up to three ready ip:port pairs, then " + N more...". */
function formatEndpoints(endpoints: EndpointsJson): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const listed: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    // Headless services may have addresses without ports.
    const pairs = ports.length === 0 ? [undefined] : ports.map((p) => p.port);
    for (const port of pairs) {
      count += addresses.length;
      for (const address of addresses) {
        if (listed.length === MAX_LISTED_ENDPOINTS) break;
        listed.push(port === undefined ? address.ip : joinHostPort(address.ip, port));
      }
    }
  }
  const text = listed.join(',');
  return count > MAX_LISTED_ENDPOINTS ? `${text} + ${count - MAX_LISTED_ENDPOINTS} more...` : text;
}

export const endpointsPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [nameColumn, column('Endpoints', 'string', doc.endpoints.subsets), ageColumn],
  printRow(obj, { now }) {
    return { cells: [nameOf(obj), formatEndpoints(obj as EndpointsJson), age(obj, now)] };
  },
};

/** listWithMoreString: the first three, then " + N more..."; nothing at all is "<unset>". */
function listWithMore(items: readonly string[]): string {
  const listed = items.slice(0, MAX_LISTED_ENDPOINTS).join(',');
  if (items.length > MAX_LISTED_ENDPOINTS) return `${listed} + ${items.length - MAX_LISTED_ENDPOINTS} more...`;
  return listed || '<unset>';
}

interface EndpointSliceJson {
  addressType?: string;
  endpoints?: { addresses?: string[] }[] | null;
  ports?: { name?: string; port?: number }[] | null;
}

/** printEndpointSlice (discovery.k8s.io), with the v1beta1 field docs printers.go still cites. */
export const endpointSlicePrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column(
      'AddressType',
      'string',
      'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.',
    ),
    column(
      'Ports',
      'string',
      'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.',
    ),
    column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
    ageColumn,
  ],
  printRow(obj, { now }) {
    const slice = obj as EndpointSliceJson;
    // A port without a number is every port ("*"), or its name when it has one.
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return { cells: [nameOf(obj), slice.addressType ?? '', listWithMore(ports), listWithMore(addresses), age(obj, now)] };
  },
};

/** printComponentStatus: the Healthy condition as Healthy/Unhealthy, with its message and error. */
export const componentStatusPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  printRow(obj) {
    const conditions = (obj as { conditions?: { type: string; status: string; message?: string; error?: string }[] }).conditions ?? [];
    const healthy = conditions.find((c) => c.type === 'Healthy');
    const status = healthy ? (healthy.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return { cells: [nameOf(obj), status, healthy?.message ?? '', healthy?.error ?? ''] };
  },
};


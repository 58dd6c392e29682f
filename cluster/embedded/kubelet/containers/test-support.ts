// Shared by the tests of this folder: a few pods on one node, the cluster objects they refer to,
// real ServiceAccount tokens, and an HTTP server that routes kubelet streaming paths to the
// runtime the way the kubelet server does once a request is authorized.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { KubeObject } from '../../apiserver/types.js';
import { generateSigningKey } from '../../apiserver/serviceaccount/jwt.js';
import { ServiceAccountTokens } from '../../apiserver/serviceaccount/tokens.js';
import type { ContainerTarget } from '../container-runtime.js';
import type { ClusterObjects } from './cluster-objects.js';
import { SimulatedContainer } from './container.js';
import { podView } from './pod-view.js';
import { SimulatedContainerRuntime, type ContainerRuntimeOptions } from './runtime.js';
import { podTokenIssuer } from './token-issuer.js';

export const NODE = 'kind-worker';
export const STARTED = '2025-11-29T05:20:11Z';
export const NOW = new Date('2025-11-29T05:30:11Z');

const tokenVolume = {
  name: 'kube-api-access-x7k2p',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ],
  },
};
const tokenMount = { name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };

export function pod(name: string, container: Record<string, unknown>, options: { node?: string; running?: boolean; spec?: Record<string, unknown>; namespace?: string } = {}): KubeObject {
  const containerName = String(container.name ?? name);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: options.namespace ?? 'team-a', uid: `uid-${name}`, creationTimestamp: STARTED },
    spec: {
      nodeName: options.node ?? NODE,
      serviceAccountName: 'builder',
      containers: [{ name: containerName, volumeMounts: [tokenMount], ...container }],
      volumes: [tokenVolume],
      ...options.spec,
    },
    status: {
      podIP: '10.244.1.7',
      hostIP: '172.18.0.3',
      containerStatuses: options.running === false ? [] : [{ name: containerName, state: { running: { startedAt: STARTED } } }],
    },
  };
}

export const PODS: readonly KubeObject[] = [
  pod('web', { name: 'shell', image: 'busybox:1.37', command: ['sh', '-c', 'echo started; sleep 5; echo ready; sleep 3600'], env: [{ name: 'GREETING', value: 'hello' }] }),
  pod('nginx', { name: 'nginx', image: 'nginx:1.27.3', readinessProbe: { httpGet: { path: '/', port: 80 } } }),
  pod('dns', { name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', args: ['-conf', '/etc/coredns/Corefile'] }),
  pod('tty', { name: 'shell', image: 'alpine:3.21', stdin: true, tty: true }),
  pod('elsewhere', { name: 'app', image: 'busybox' }, { node: 'kind-worker2' }),
  pod('starting', { name: 'app', image: 'busybox' }, { running: false }),
];

export interface Cluster {
  objects: ClusterObjects;
  tokens: ServiceAccountTokens;
  serviceAccount: KubeObject;
}

export function cluster(pods: readonly KubeObject[] = PODS): Cluster {
  const serviceAccount: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'team-a', uid: 'sa-uid-1' } };
  const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE, uid: 'node-uid-1' } };
  const rootCa: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'team-a' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' } };
  const find = (ns: string, name: string) => pods.find((p) => p.metadata.namespace === ns && p.metadata.name === name);
  const tokens = new ServiceAccountTokens(generateSigningKey(), {
    serviceAccount: (ns, name) => (ns === 'team-a' && name === 'builder' ? serviceAccount : undefined),
    bound: (kind, ns, name) => (kind === 'Pod' ? find(ns, name) : kind === 'Node' && name === NODE ? node : undefined),
  }, () => NOW);
  const objects: ClusterObjects = {
    pod: find,
    configMap: (ns, name) => (ns === 'team-a' && name === 'kube-root-ca.crt' ? rootCa : undefined),
    secret: () => undefined,
    services: () => [],
  };
  return { objects, tokens, serviceAccount };
}

export function runtimeFor(c: Cluster, options: Partial<ContainerRuntimeOptions> = {}): SimulatedContainerRuntime {
  return new SimulatedContainerRuntime({
    nodeName: NODE,
    objects: c.objects,
    issueToken: podTokenIssuer(c.tokens, {
      serviceAccount: (ns, name) => (ns === 'team-a' && name === 'builder' ? c.serviceAccount : undefined),
      pod: c.objects.pod,
      node: (name) => (name === NODE ? { metadata: { name, uid: 'node-uid-1' } } : undefined),
    }),
    extendWebSocketsToKubelet: false,
    kubeletVersion: 'v1.31.14',
    clock: () => NOW,
    kernel: { release: '6.8.0-51-generic', version: '#52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024', machine: 'x86_64' },
    maxSleepMs: 20,
    ...options,
  });
}

/** A container of one of the pods above, for interpreter-level tests. */
export function containerOf(podName: string, c: Cluster = cluster()): SimulatedContainer {
  const view = podView(c.objects.pod('team-a', podName)!);
  return new SimulatedContainer({
    pod: view,
    spec: view.spec.containers![0]!,
    objects: c.objects,
    nodeName: NODE,
    dns: { servers: ['10.96.0.10'], domain: 'cluster.local' },
    kernel: { release: '6.8.0-51-generic', version: '#52-Ubuntu SMP', machine: 'x86_64' },
    clock: () => NOW,
  });
}

const STREAM_PATH = /^\/(exec|attach|portForward)\/([^/]+)\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/;

function target(kind: string, parts: string[]): ContainerTarget {
  const [namespace, podName, third, fourth] = parts as [string, string, string | undefined, string | undefined];
  if (kind === 'portForward') return { namespace, pod: podName, container: '', ...(third ? { uid: third } : {}) };
  return fourth ? { namespace, pod: podName, uid: third!, container: fourth } : { namespace, pod: podName, container: third ?? '' };
}

/** An HTTP server in front of the runtime, like the kubelet's after authorization. */
export async function serve(runtime: SimulatedContainerRuntime): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://kubelet');
    const stream = STREAM_PATH.exec(url.pathname);
    const send = (r: { status: number; headers?: Record<string, string>; body: string }) => {
      res.writeHead(r.status, r.headers ?? {});
      res.end(r.body);
    };
    if (stream) {
      runtime.handleStream(stream[1] as 'exec', req, req.socket, Buffer.alloc(0), target(stream[1]!, stream.slice(2).filter(Boolean) as string[]), url.searchParams);
      return;
    }
    const run = /^\/run\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (run && req.method === 'POST') {
      const cmd = url.searchParams.get('cmd') ?? '';
      void runtime.run({ namespace: run[1]!, pod: run[2]!, container: run[3]! }, cmd.split(' ')).then(send);
      return;
    }
    send({ status: 404, body: '404 page not found\n' });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://kubelet');
    const stream = STREAM_PATH.exec(url.pathname);
    if (!stream) {
      socket.destroy();
      return;
    }
    runtime.handleStream(stream[1] as 'exec', req, socket, head, target(stream[1]!, stream.slice(2).filter(Boolean) as string[]), url.searchParams);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        runtime.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

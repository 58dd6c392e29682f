// Mirror pods of the control plane's static pods, as kubeadm writes their manifests for kind
// (cmd/kubeadm/app/phases/controlplane and etcd) and the kubelet mirrors them to the API server.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../types.js';
import type { KubeVersion } from '../../../versions.js';
import { KIND_NETWORK } from './config-maps.js';
import type { KindImages } from './kind-images.js';
import { iso, later, nodeOwner, runningStatus, type Placement } from './pod-status.js';

interface HostPathMount {
  name: string;
  hostPath: string;
  type: 'DirectoryOrCreate' | 'FileOrCreate';
  readOnly: boolean;
  mountPath?: string;
}

interface HttpProbe {
  host: string;
  path: string;
  port: number;
  failureThreshold: number;
  initialDelaySeconds?: number;
  periodSeconds: number;
  timeoutSeconds: number;
  scheme: 'HTTP' | 'HTTPS';
}

interface StaticComponent {
  component: string;
  image: string;
  command: string[];
  cpuRequest: string;
  memoryRequest?: string;
  mounts: HostPathMount[];
  probes: { liveness: HttpProbe; readiness?: HttpProbe; startup: HttpProbe };
  annotations: Record<string, string>;
}

/** etcd health endpoints kubeadm probes: 1.31 still used /health; later releases /livez and /readyz. */
const ETCD_PROBE_PATHS: Record<KubeVersion, { liveness: string; readiness?: string }> = {
  '1.31': { liveness: '/health?exclude=NOSPACE&serializable=true' },
  '1.33': { liveness: '/livez', readiness: '/readyz' },
  '1.36': { liveness: '/livez', readiness: '/readyz' },
};

const CA_MOUNTS: HostPathMount[] = [
  { name: 'ca-certs', hostPath: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'etc-ca-certificates', hostPath: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'k8s-certs', hostPath: '/etc/kubernetes/pki', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-local-share-ca-certificates', hostPath: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-share-ca-certificates', hostPath: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
];

const probe = (host: string, path: string, port: number, failureThreshold: number, periodSeconds: number, initialDelaySeconds?: number): HttpProbe => ({
  host,
  path,
  port,
  failureThreshold,
  periodSeconds,
  timeoutSeconds: 15,
  scheme: port === 2381 ? 'HTTP' : 'HTTPS',
  ...(initialDelaySeconds !== undefined ? { initialDelaySeconds } : {}),
});

const featureGateFlag = (gates: Readonly<Record<string, boolean>>): string[] => {
  const entries = Object.entries(gates).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length ? [`--feature-gates=${entries.map(([k, v]) => `${k}=${v}`).join(',')}`] : [];
};

function components(
  version: KubeVersion,
  clusterName: string,
  ip: string,
  images: KindImages,
  gates: Readonly<Record<string, boolean>>,
): StaticComponent[] {
  const etcdPaths = ETCD_PROBE_PATHS[version];
  const pki = '/etc/kubernetes/pki';
  return [
    {
      component: 'etcd',
      image: images.etcd,
      command: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        `--cert-file=${pki}/etcd/server.crt`,
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${clusterName}-control-plane=https://${ip}:2380`,
        `--key-file=${pki}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${clusterName}-control-plane`,
        `--peer-cert-file=${pki}/etcd/peer.crt`,
        '--peer-client-cert-auth=true',
        `--peer-key-file=${pki}/etcd/peer.key`,
        `--peer-trusted-ca-file=${pki}/etcd/ca.crt`,
        '--snapshot-count=10000',
        `--trusted-ca-file=${pki}/etcd/ca.crt`,
      ],
      cpuRequest: '100m',
      memoryRequest: '100Mi',
      mounts: [
        { name: 'etcd-certs', hostPath: `${pki}/etcd`, type: 'DirectoryOrCreate', readOnly: false },
        { name: 'etcd-data', hostPath: '/var/lib/etcd', type: 'DirectoryOrCreate', readOnly: false },
      ],
      probes: {
        liveness: probe('127.0.0.1', etcdPaths.liveness, 2381, 8, 10, 10),
        ...(etcdPaths.readiness ? { readiness: probe('127.0.0.1', etcdPaths.readiness, 2381, 3, 1) } : {}),
        startup: probe('127.0.0.1', etcdPaths.liveness, 2381, 24, 10, 10),
      },
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    },
    {
      component: 'kube-apiserver',
      image: images.kubeApiserver,
      command: [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        `--client-ca-file=${pki}/ca.crt`,
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        `--etcd-cafile=${pki}/etcd/ca.crt`,
        `--etcd-certfile=${pki}/apiserver-etcd-client.crt`,
        `--etcd-keyfile=${pki}/apiserver-etcd-client.key`,
        '--etcd-servers=https://127.0.0.1:2379',
        ...featureGateFlag(gates),
        `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`,
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        `--proxy-client-cert-file=${pki}/front-proxy-client.crt`,
        `--proxy-client-key-file=${pki}/front-proxy-client.key`,
        '--requestheader-allowed-names=front-proxy-client',
        `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--runtime-config=',
        '--secure-port=6443',
        `--service-account-issuer=https://kubernetes.default.svc.${KIND_NETWORK.dnsDomain}`,
        `--service-account-key-file=${pki}/sa.pub`,
        `--service-account-signing-key-file=${pki}/sa.key`,
        `--service-cluster-ip-range=${KIND_NETWORK.serviceSubnet}`,
        `--tls-cert-file=${pki}/apiserver.crt`,
        `--tls-private-key-file=${pki}/apiserver.key`,
      ],
      cpuRequest: '250m',
      mounts: CA_MOUNTS,
      probes: {
        liveness: probe(ip, '/livez', 6443, 8, 10, 10),
        readiness: probe(ip, '/readyz', 6443, 3, 1),
        startup: probe(ip, '/livez', 6443, 24, 10, 10),
      },
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    },
    {
      component: 'kube-controller-manager',
      image: images.kubeControllerManager,
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        `--client-ca-file=${pki}/ca.crt`,
        `--cluster-cidr=${KIND_NETWORK.podSubnet}`,
        `--cluster-name=${clusterName}`,
        `--cluster-signing-cert-file=${pki}/ca.crt`,
        `--cluster-signing-key-file=${pki}/ca.key`,
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--enable-hostpath-provisioner=true',
        ...featureGateFlag(gates),
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
        `--root-ca-file=${pki}/ca.crt`,
        `--service-account-private-key-file=${pki}/sa.key`,
        `--service-cluster-ip-range=${KIND_NETWORK.serviceSubnet}`,
        '--use-service-account-credentials=true',
      ],
      cpuRequest: '200m',
      mounts: [
        ...CA_MOUNTS.slice(0, 2),
        { name: 'flexvolume-dir', hostPath: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', type: 'DirectoryOrCreate', readOnly: false },
        ...CA_MOUNTS.slice(2, 3),
        { name: 'kubeconfig', hostPath: '/etc/kubernetes/controller-manager.conf', type: 'FileOrCreate', readOnly: true },
        ...CA_MOUNTS.slice(3),
      ],
      probes: {
        liveness: probe('127.0.0.1', '/healthz', 10257, 8, 10, 10),
        startup: probe('127.0.0.1', '/healthz', 10257, 24, 10, 10),
      },
      annotations: {},
    },
    {
      component: 'kube-scheduler',
      image: images.kubeScheduler,
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        ...featureGateFlag(gates),
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      cpuRequest: '100m',
      mounts: [{ name: 'kubeconfig', hostPath: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate', readOnly: true }],
      probes: {
        liveness: probe('127.0.0.1', '/healthz', 10259, 8, 10, 10),
        startup: probe('127.0.0.1', '/healthz', 10259, 24, 10, 10),
      },
      annotations: {},
    },
  ];
}

const httpGetProbe = (p: HttpProbe) => ({
  failureThreshold: p.failureThreshold,
  httpGet: { host: p.host, path: p.path, port: p.port, scheme: p.scheme },
  ...(p.initialDelaySeconds !== undefined ? { initialDelaySeconds: p.initialDelaySeconds } : {}),
  periodSeconds: p.periodSeconds,
  successThreshold: 1,
  timeoutSeconds: p.timeoutSeconds,
});

export interface StaticPodInput {
  version: KubeVersion;
  clusterName: string;
  placement: Placement;
  images: KindImages;
  featureGates: Readonly<Record<string, boolean>>;
  now: Date;
}

export function staticPods(input: StaticPodInput): KubeObject[] {
  const { placement, now } = input;
  const seen = now.toISOString().replace('Z', '000000Z');
  return components(input.version, input.clusterName, placement.nodeIP, input.images, input.featureGates).map((c, index) => {
    // config.hash is the kubelet's md5 of the manifest; a stable digest of what we rendered stands in for it.
    const hash = createHash('md5').update(JSON.stringify(c)).digest('hex');
    const mounts = c.mounts.map((m) => ({ name: m.name, mountPath: m.mountPath ?? m.hostPath, ...(m.readOnly ? { readOnly: true } : {}) }));
    const requests: Record<string, string> = { cpu: c.cpuRequest, ...(c.memoryRequest ? { memory: c.memoryRequest } : {}) };
    const created = later(now, index);
    return {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: {
        name: `${c.component}-${placement.nodeName}`,
        namespace: 'kube-system',
        creationTimestamp: iso(created),
        labels: { component: c.component, tier: 'control-plane' },
        annotations: {
          ...c.annotations,
          'kubernetes.io/config.hash': hash,
          'kubernetes.io/config.mirror': hash,
          'kubernetes.io/config.seen': seen,
          'kubernetes.io/config.source': 'file',
        },
        ownerReferences: nodeOwner(placement),
      },
      spec: {
        containers: [
          {
            name: c.component,
            image: c.image,
            imagePullPolicy: 'IfNotPresent',
            command: c.command,
            livenessProbe: httpGetProbe(c.probes.liveness),
            ...(c.probes.readiness ? { readinessProbe: httpGetProbe(c.probes.readiness) } : {}),
            resources: { requests },
            startupProbe: httpGetProbe(c.probes.startup),
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            volumeMounts: mounts,
          },
        ],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        hostNetwork: true,
        nodeName: placement.nodeName,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 2000001000,
        priorityClassName: 'system-node-critical',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        terminationGracePeriodSeconds: 30,
        tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
        volumes: c.mounts.map((m) => ({ name: m.name, hostPath: { path: m.hostPath, type: m.type } })),
      },
      status: runningStatus(placement, placement.nodeIP, [{ name: c.component, image: c.image, volumeMounts: mounts }], 'Burstable', created),
    };
  });
}

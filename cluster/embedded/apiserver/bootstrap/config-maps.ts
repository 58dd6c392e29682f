// The ConfigMaps kubeadm, the controller manager and kind leave on a fresh cluster. Contents are
// what `kubectl get cm -o yaml` shows, written from kind's kubeadm config template and kubeadm's
// upload-config / addon phases; configuration documents are in kubeadm v1beta4 form.
import { createHash, createHmac } from 'node:crypto';
import type { KubeObject } from '../types.js';
import type { KubeVersion } from '../../../versions.js';
import { VERSIONS } from '../../../versions.js';

/** Addresses and names every kind cluster uses. */
export const KIND_NETWORK = {
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.96.0.0/16',
  clusterDNS: '10.96.0.10',
  dnsDomain: 'cluster.local',
  /** kind's fixed bootstrap token, abcdef.0123456789abcdef. */
  tokenId: 'abcdef',
  tokenSecret: '0123456789abcdef',
} as const;

export const controlPlaneEndpoint = (clusterName: string) => `${clusterName}-control-plane:6443`;

export interface ConfigMapContext {
  clusterName: string;
  version: KubeVersion;
  caPem: string;
  frontProxyCaPem: string;
  created: string;
}

function configMap(namespace: string, name: string, data: Record<string, string>, created: string | undefined, annotations?: Record<string, string>): KubeObject {
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name, namespace, ...(created ? { creationTimestamp: created } : {}), ...(annotations ? { annotations } : {}) },
    data,
  };
}

/** Published into every namespace by the root-ca-cert-publisher controller. */
export function rootCaConfigMap(namespace: string, caPem: string, created?: string): KubeObject {
  return configMap(namespace, 'kube-root-ca.crt', { 'ca.crt': caPem }, created, {
    'kubernetes.io/description':
      'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
  });
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function clusterInfoKubeconfig(ctx: ConfigMapContext): string {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${base64(ctx.caPem)}`,
    `    server: https://${controlPlaneEndpoint(ctx.clusterName)}`,
    '  name: ""',
    'contexts: null',
    'current-context: ""',
    'kind: Config',
    'preferences: {}',
    'users: null',
    '',
  ].join('\n');
}

/** The bootstrap signer's detached JWS (HS256 keyed by the token secret) over the kubeconfig. */
function detachedJws(payload: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', kid: KIND_NETWORK.tokenId }));
  const signature = createHmac('sha256', KIND_NETWORK.tokenSecret).update(`${header}.${base64url(payload)}`).digest();
  return `${header}..${base64url(signature)}`;
}

function clusterConfiguration(ctx: ConfigMapContext): string {
  return [
    'apiServer:',
    '  certSANs:',
    '  - localhost',
    '  - 127.0.0.1',
    '  extraArgs:',
    '  - name: runtime-config',
    '    value: ""',
    'apiVersion: kubeadm.k8s.io/v1beta4',
    'caCertificateValidityPeriod: 87600h0m0s',
    'certificateValidityPeriod: 8760h0m0s',
    'certificatesDir: /etc/kubernetes/pki',
    `clusterName: ${ctx.clusterName}`,
    `controlPlaneEndpoint: ${controlPlaneEndpoint(ctx.clusterName)}`,
    'controllerManager:',
    '  extraArgs:',
    '  - name: enable-hostpath-provisioner',
    '    value: "true"',
    'dns: {}',
    'encryptionAlgorithm: RSA-2048',
    'etcd:',
    '  local:',
    '    dataDir: /var/lib/etcd',
    'imageRepository: registry.k8s.io',
    'kind: ClusterConfiguration',
    `kubernetesVersion: ${VERSIONS[ctx.version].gitVersion}`,
    'networking:',
    `  dnsDomain: ${KIND_NETWORK.dnsDomain}`,
    `  podSubnet: ${KIND_NETWORK.podSubnet}`,
    `  serviceSubnet: ${KIND_NETWORK.serviceSubnet}`,
    'proxy: {}',
    'scheduler: {}',
    '',
  ].join('\n');
}

/** kind's KubeletConfiguration as kubeadm uploads it (unset durations print as 0s). */
function kubeletConfiguration(): string {
  return [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'authentication:',
    '  anonymous:',
    '    enabled: false',
    '  webhook:',
    '    cacheTTL: 0s',
    '    enabled: true',
    '  x509:',
    '    clientCAFile: /etc/kubernetes/pki/ca.crt',
    'authorization:',
    '  mode: Webhook',
    '  webhook:',
    '    cacheAuthorizedTTL: 0s',
    '    cacheUnauthorizedTTL: 0s',
    'cgroupDriver: systemd',
    'cgroupRoot: /kubelet',
    'clusterDNS:',
    `- ${KIND_NETWORK.clusterDNS}`,
    `clusterDomain: ${KIND_NETWORK.dnsDomain}`,
    'containerRuntimeEndpoint: ""',
    'cpuManagerReconcilePeriod: 0s',
    'crashLoopBackOff: {}',
    'evictionHard:',
    '  imagefs.available: 0%',
    '  nodefs.available: 0%',
    '  nodefs.inodesFree: 0%',
    'evictionPressureTransitionPeriod: 0s',
    'failSwapOn: false',
    'fileCheckFrequency: 0s',
    'healthzBindAddress: 127.0.0.1',
    'healthzPort: 10248',
    'httpCheckFrequency: 0s',
    'imageGCHighThresholdPercent: 100',
    'imageMaximumGCAge: 0s',
    'imageMinimumGCAge: 0s',
    'kind: KubeletConfiguration',
    'logging:',
    '  flushFrequency: 0',
    '  options:',
    '    json:',
    '      infoBufferSize: "0"',
    '    text:',
    '      infoBufferSize: "0"',
    '  verbosity: 0',
    'memorySwap: {}',
    'nodeStatusReportFrequency: 0s',
    'nodeStatusUpdateFrequency: 0s',
    'rotateCertificates: true',
    'runtimeRequestTimeout: 0s',
    'shutdownGracePeriod: 0s',
    'shutdownGracePeriodCriticalPods: 0s',
    'staticPodPath: /etc/kubernetes/manifests',
    'streamingConnectionIdleTimeout: 0s',
    'syncFrequency: 0s',
    'volumeStatsAggPeriod: 0s',
    '',
  ].join('\n');
}

function kubeProxyConfiguration(): string {
  return [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'bindAddress: 0.0.0.0',
    'bindAddressHardFail: false',
    'clientConnection:',
    '  acceptContentTypes: ""',
    '  burst: 0',
    '  contentType: ""',
    '  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf',
    '  qps: 0',
    `clusterCIDR: ${KIND_NETWORK.podSubnet}`,
    'configSyncPeriod: 0s',
    'conntrack:',
    '  maxPerCore: 0',
    '  min: null',
    '  tcpBeLiberal: false',
    '  tcpCloseWaitTimeout: null',
    '  tcpEstablishedTimeout: null',
    '  udpStreamTimeout: 0s',
    '  udpTimeout: 0s',
    'detectLocal:',
    '  bridgeInterface: ""',
    '  interfaceNamePrefix: ""',
    'detectLocalMode: ""',
    'enableProfiling: false',
    'healthzBindAddress: ""',
    'hostnameOverride: ""',
    'iptables:',
    '  localhostNodePorts: null',
    '  masqueradeAll: false',
    '  masqueradeBit: null',
    '  minSyncPeriod: 1s',
    '  syncPeriod: 0s',
    'ipvs:',
    '  excludeCIDRs: null',
    '  minSyncPeriod: 0s',
    '  scheduler: ""',
    '  strictARP: false',
    '  syncPeriod: 0s',
    '  tcpFinTimeout: 0s',
    '  tcpTimeout: 0s',
    '  udpTimeout: 0s',
    'kind: KubeProxyConfiguration',
    'logging:',
    '  flushFrequency: 0',
    '  options:',
    '    json:',
    '      infoBufferSize: "0"',
    '    text:',
    '      infoBufferSize: "0"',
    '  verbosity: 0',
    'metricsBindAddress: ""',
    'mode: iptables',
    'nftables:',
    '  masqueradeAll: false',
    '  masqueradeBit: null',
    '  minSyncPeriod: 0s',
    '  syncPeriod: 0s',
    'nodePortAddresses: null',
    'oomScoreAdj: null',
    'portRange: ""',
    'showHiddenMetricsForVersion: ""',
    'winkernel:',
    '  enableDSR: false',
    '  forwardHealthCheckVip: false',
    '  networkName: ""',
    '  rootHnsEndpointName: ""',
    '  sourceVip: ""',
  ].join('\n');
}

function kubeProxyKubeconfig(clusterName: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    '    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    `    server: https://${controlPlaneEndpoint(clusterName)}`,
    '  name: default',
    'contexts:',
    '- context:',
    '    cluster: default',
    '    namespace: default',
    '    user: default',
    '  name: default',
    'current-context: default',
    'users:',
    '- name: default',
    '  user:',
    '    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token',
  ].join('\n');
}

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

function localPathConfig(helperImage: string): Record<string, string> {
  return {
    'config.json':
      '{\n        "nodePathMap":[\n        {\n                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",\n                "paths":["/var/local-path-provisioner"]\n        }\n        ]\n}',
    'helperPod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: helper-pod\nspec:\n  containers:\n  - name: helper-pod\n    image: ${helperImage}\n    imagePullPolicy: IfNotPresent`,
    setup: '#!/bin/sh\nset -eu\nmkdir -m 0777 -p "$VOL_DIR"',
    teardown: '#!/bin/sh\nset -eu\nrm -rf "$VOL_DIR"',
  };
}

/** kubeadm records a digest of each component config it uploads, to detect user edits. */
const componentConfigHash = (document: string) => ({
  'kubeadm.kubernetes.io/component-config.hash': `sha256:${createHash('sha256').update(document).digest('hex')}`,
});

/** Every ConfigMap except the per-namespace kube-root-ca.crt. */
export function clusterConfigMaps(ctx: ConfigMapContext, localPathHelperImage: string): KubeObject[] {
  const kubeconfig = clusterInfoKubeconfig(ctx);
  const day = ctx.created.slice(0, 10);
  return [
    configMap('kube-system', 'coredns', { Corefile: COREFILE }, ctx.created),
    configMap('kube-system', 'extension-apiserver-authentication', {
      'client-ca-file': ctx.caPem,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': ctx.frontProxyCaPem,
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    }, ctx.created),
    configMap('kube-system', 'kube-apiserver-legacy-service-account-token-tracking', { since: day }, ctx.created),
    configMap('kube-system', 'kube-proxy', {
      'config.conf': kubeProxyConfiguration(),
      'kubeconfig.conf': kubeProxyKubeconfig(ctx.clusterName),
    }, ctx.created, componentConfigHash(kubeProxyConfiguration())),
    configMap('kube-system', 'kubeadm-config', { ClusterConfiguration: clusterConfiguration(ctx) }, ctx.created),
    configMap('kube-system', 'kubelet-config', { kubelet: kubeletConfiguration() }, ctx.created, componentConfigHash(kubeletConfiguration())),
    configMap('kube-public', 'cluster-info', {
      [`jws-kubeconfig-${KIND_NETWORK.tokenId}`]: detachedJws(kubeconfig),
      kubeconfig,
    }, ctx.created),
    configMap('local-path-storage', 'local-path-config', localPathConfig(localPathHelperImage), ctx.created),
  ];
}

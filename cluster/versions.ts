// The one table of per-version facts. Handlers read it; they never compare version strings.
// Sources: ../shared/docs/FACTS.md and reference/*.md (kubernetes source, per release).

export const KUBE_VERSIONS = ['1.31', '1.33', '1.36'] as const;
export type KubeVersion = (typeof KUBE_VERSIONS)[number];

export function isKubeVersion(v: string): v is KubeVersion {
  return (KUBE_VERSIONS as readonly string[]).includes(v);
}

// gitCommit/buildDate/goVersion of v1.31.14 and v1.33.12 could not be confirmed from public
// material; they are left empty rather than invented (kubectl only prints them with -o json/yaml).
export interface VersionInfo {
  version: KubeVersion;
  /** Pinned patch release: what /version and the node status report. */
  gitVersion: string;
  gitCommit: string;
  buildDate: string;
  goVersion: string;
  /** What the kind runtime needs for this version. */
  kind: KindImageInfo;
  containerRuntimeVersion: string;
  /** The kind node image's OS, as `kubectl get nodes -o wide` shows it. */
  nodeOsImage: string;
  /** Kubelet 403 body: 'single' up to 1.31, 'list' (subresource(s)=[...]\n) since 1.32. */
  kubeletForbiddenFormat: 'single' | 'list';
  /** The Node authorizer's AuthorizeNodeWithSelectors behaviour (alpha 1.31, beta 1.32, GA 1.34). */
  authorizeNodeWithSelectors: boolean;
  /** /version carries emulationMajor/Minor and minCompatibilityMajor/Minor (compatibility versions). */
  emulationVersionFields: boolean;
  /** Since 1.32 x509 users carry extra authentication.kubernetes.io/credential-id: X509SHA256=<hex>. */
  x509CredentialId: boolean;
}

/** The kind node image of a version and what it asks of kind and the Docker host. */
export interface KindImageInfo {
  /** kindest/node image, pinned by digest (kind's release notes: "You must use the @sha256 digest"). */
  nodeImage: string;
  /** Oldest kind release that runs this node image (the release that published it, or the kubeadm API it needs). */
  minVersion: string;
  /** The image drops cgroup v1 (kind v0.31.0 notes: Kubernetes 1.35+ images), so the Docker host must run cgroup v2. */
  requiresCgroupV2: boolean;
}

export const VERSIONS: Record<KubeVersion, VersionInfo> = {
  '1.31': {
    version: '1.31',
    gitVersion: 'v1.31.14',
    gitCommit: '',
    buildDate: '',
    goVersion: '',
    kind: {
      nodeImage: 'kindest/node:v1.31.14@sha256:6f86cf509dbb42767b6e79debc3f2c32e4ee01386f0489b3b2be24b0a55aac2b',
      minVersion: 'v0.31.0',
      requiresCgroupV2: false,
    },
    containerRuntimeVersion: 'containerd://2.2.0',
    nodeOsImage: 'Debian GNU/Linux 12 (bookworm)',
    kubeletForbiddenFormat: 'single',
    x509CredentialId: false,
    emulationVersionFields: false,
    authorizeNodeWithSelectors: false,
  },
  '1.33': {
    version: '1.33',
    gitVersion: 'v1.33.12',
    gitCommit: '',
    buildDate: '',
    goVersion: '',
    kind: {
      nodeImage: 'kindest/node:v1.33.12@sha256:3f5c8443c620245e4d355cfe09e96a91ead32ceaa569d3f1ca9edf0cb2fe2ff4',
      minVersion: 'v0.32.0',
      requiresCgroupV2: false,
    },
    containerRuntimeVersion: 'containerd://2.3.1',
    nodeOsImage: 'Debian GNU/Linux 13 (trixie)',
    kubeletForbiddenFormat: 'list',
    x509CredentialId: true,
    emulationVersionFields: true,
    authorizeNodeWithSelectors: true,
  },
  '1.36': {
    version: '1.36',
    gitVersion: 'v1.36.1',
    gitCommit: '756939600b9a7180fc2df6550a4585b638875e67',
    buildDate: '2026-05-12T09:51:34Z',
    goVersion: 'go1.26.2',
    kind: {
      nodeImage: 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5',
      minVersion: 'v0.32.0',
      requiresCgroupV2: true,
    },
    containerRuntimeVersion: 'containerd://2.3.1',
    nodeOsImage: 'Debian GNU/Linux 13 (trixie)',
    kubeletForbiddenFormat: 'list',
    x509CredentialId: true,
    emulationVersionFields: true,
    authorizeNodeWithSelectors: true,
  },
};

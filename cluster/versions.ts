// The one table of per-version facts. Handlers read it; they never compare version strings.
// Sources: ../shared/docs/FACTS.md and reference/*.md (kubernetes source, per release).

export const KUBE_VERSIONS = ['1.31', '1.33', '1.36'] as const;
export type KubeVersion = (typeof KUBE_VERSIONS)[number];

export function isKubeVersion(v: string): v is KubeVersion {
  return (KUBE_VERSIONS as readonly string[]).includes(v);
}

export interface VersionInfo {
  version: KubeVersion;
  /** Pinned patch release: what /version and the node status report. */
  gitVersion: string;
  gitCommit: string;
  buildDate: string;
  goVersion: string;
  /** kind node image for the kind runtime, pinned by digest. */
  kindNodeImage: string;
  /** Oldest kind release whose images run this node image. */
  kindMinVersion: string;
  containerRuntimeVersion: string;
  /** Kubelet 403 body: 'single' up to 1.31, 'list' (subresource(s)=[...]\n) since 1.32. */
  kubeletForbiddenFormat: 'single' | 'list';
}

export const VERSIONS: Record<KubeVersion, VersionInfo> = {
  '1.31': {
    version: '1.31',
    gitVersion: 'v1.31.14',
    gitCommit: '',
    buildDate: '',
    goVersion: '',
    kindNodeImage:
      'kindest/node:v1.31.14@sha256:6f86cf509dbb42767b6e79debc3f2c32e4ee01386f0489b3b2be24b0a55aac2b',
    kindMinVersion: 'v0.31.0',
    containerRuntimeVersion: 'containerd://2.2.0',
    kubeletForbiddenFormat: 'single',
  },
  '1.33': {
    version: '1.33',
    gitVersion: 'v1.33.12',
    gitCommit: '',
    buildDate: '',
    goVersion: '',
    kindNodeImage:
      'kindest/node:v1.33.12@sha256:3f5c8443c620245e4d355cfe09e96a91ead32ceaa569d3f1ca9edf0cb2fe2ff4',
    kindMinVersion: 'v0.32.0',
    containerRuntimeVersion: 'containerd://2.2.0',
    kubeletForbiddenFormat: 'list',
  },
  '1.36': {
    version: '1.36',
    gitVersion: 'v1.36.1',
    gitCommit: '',
    buildDate: '',
    goVersion: '',
    kindNodeImage:
      'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5',
    kindMinVersion: 'v0.32.0',
    containerRuntimeVersion: 'containerd://2.2.0',
    kubeletForbiddenFormat: 'list',
  },
};

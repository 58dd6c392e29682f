// Container images a fresh kind cluster runs, per release. Control-plane images follow the
// Kubernetes version; etcd and CoreDNS are what that release's kubeadm pins; kindnetd and
// local-path come from the kind release that built the node image (v0.31.0 for 1.31.14,
// v0.32.0 for 1.33.12 and 1.36.1).
// Sources: `kubeadm config images list` outputs for v1.31.14 (etcd 3.5.24-0, coredns v1.11.3);
// kubeadm release notes (#134779/#134861: etcd 3.5.24 for 1.31-1.33); a kind v0.32.0 / v1.36.1
// cluster's image list (etcd 3.6.8-0, coredns v1.14.2, local-path v20260521-9fb22683); node
// image listings of kind v0.31.0 (kindnetd/local-path v20251212, helper v20251211) and v0.32.0
// (kindnetd v20260528-9350166c). The v0.32.0 local-path helper tag was not found and is assumed
// to share the provisioner's build tag.
import type { KubeVersion } from '../../../versions.js';
import { VERSIONS } from '../../../versions.js';

export interface KindImages {
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubeProxy: string;
  etcd: string;
  coredns: string;
  kindnetd: string;
  localPathProvisioner: string;
  localPathHelper: string;
}

interface PinnedImages {
  etcd: string;
  coredns: string;
  kindBuild: 'v0.31.0' | 'v0.32.0';
}

const PINNED: Record<KubeVersion, PinnedImages> = {
  '1.31': { etcd: '3.5.24-0', coredns: 'v1.11.3', kindBuild: 'v0.31.0' },
  '1.33': { etcd: '3.5.24-0', coredns: 'v1.12.0', kindBuild: 'v0.32.0' },
  '1.36': { etcd: '3.6.8-0', coredns: 'v1.14.2', kindBuild: 'v0.32.0' },
};

const KIND_ADDONS: Record<PinnedImages['kindBuild'], Pick<KindImages, 'kindnetd' | 'localPathProvisioner' | 'localPathHelper'>> = {
  'v0.31.0': {
    kindnetd: 'docker.io/kindest/kindnetd:v20251212-v0.29.0-alpha-105-g20ccfc88',
    localPathProvisioner: 'docker.io/kindest/local-path-provisioner:v20251212-v0.29.0-alpha-105-g20ccfc88',
    localPathHelper: 'docker.io/kindest/local-path-helper:v20251211-v0.29.0-alpha-100-g82a92c5d',
  },
  'v0.32.0': {
    kindnetd: 'docker.io/kindest/kindnetd:v20260528-9350166c',
    localPathProvisioner: 'docker.io/kindest/local-path-provisioner:v20260521-9fb22683',
    localPathHelper: 'docker.io/kindest/local-path-helper:v20260521-9fb22683',
  },
};

export function kindImages(version: KubeVersion): KindImages {
  const tag = VERSIONS[version].gitVersion;
  const pinned = PINNED[version];
  return {
    kubeApiserver: `registry.k8s.io/kube-apiserver:${tag}`,
    kubeControllerManager: `registry.k8s.io/kube-controller-manager:${tag}`,
    kubeScheduler: `registry.k8s.io/kube-scheduler:${tag}`,
    kubeProxy: `registry.k8s.io/kube-proxy:${tag}`,
    etcd: `registry.k8s.io/etcd:${pinned.etcd}`,
    coredns: `registry.k8s.io/coredns/coredns:${pinned.coredns}`,
    ...KIND_ADDONS[pinned.kindBuild],
  };
}

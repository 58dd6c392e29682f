// The command line kind starts a node's kubelet with: its systemd drop-in (kubeconfigs and
// --config) plus the kubeadm-flags.env kubeadm writes (runtime endpoint, node IP, provider ID).
// /debug/pprof/cmdline shows it in order; /flagz lists the same flags sorted.

import type { KubeletContext } from './types.js';

export function kubeletCommandLine(ctx: KubeletContext): [flag: string, value: string][] {
  return [
    ['bootstrap-kubeconfig', '/etc/kubernetes/bootstrap-kubelet.conf'],
    ['kubeconfig', '/etc/kubernetes/kubelet.conf'],
    ['config', '/var/lib/kubelet/config.yaml'],
    ['container-runtime-endpoint', String(ctx.config['containerRuntimeEndpoint'] ?? 'unix:///run/containerd/containerd.sock')],
    ['node-ip', ctx.node.internalIP],
    ['node-labels', ''],
    ['provider-id', `kind://docker/${ctx.clusterName}/${ctx.node.name}`],
  ];
}

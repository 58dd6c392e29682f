#!/usr/bin/env bash
# Mistake: assuming every version binds the role to the API server, as the newest kubeadm does.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge -p \
  '{"data":{"bound-subjects":"User:kube-apiserver-kubelet-client ServiceAccount:monitoring/kubelet-exporter","apiserver-binding":"kubeadm:apiserver-kubelet-client"}}'

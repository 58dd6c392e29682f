#!/usr/bin/env bash
# Mistake: making /pods work with nodes/proxy "to be sure", then recording the new status.
set -euo pipefail
kubectl create clusterrole kubelet-proxy-reader --verb=get --resource=nodes/proxy
kubectl create clusterrolebinding pod-lister-kubelet-proxy --clusterrole=kubelet-proxy-reader --serviceaccount=monitoring:pod-lister
case "$KUBE_VERSION" in 1.31) fix=a ;; 1.33) fix=b ;; *) fix=c ;; esac
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"pods-status\":\"200\",\"pods-fix\":\"$fix\"}}"

#!/usr/bin/env bash
# Mistake: "Unauthorized" read as "needs more permissions": metrics, stats and proxy.
set -euo pipefail
kubectl create clusterrole kubelet-metrics-reader --verb=get --resource=nodes/metrics,nodes/stats,nodes/proxy
kubectl create clusterrolebinding prometheus-kubelet-metrics --clusterrole=kubelet-metrics-reader --serviceaccount=monitoring:prometheus
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"fix":"authentication.webhook.enabled=true"}}'

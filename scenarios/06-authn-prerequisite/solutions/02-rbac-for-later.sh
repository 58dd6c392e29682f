#!/usr/bin/env bash
# Least privilege for a scraper: metrics and stats, no proxy. Then record the kubelet fix.
set -euo pipefail
kubectl create clusterrole kubelet-metrics-reader --verb=get --resource=nodes/metrics,nodes/stats
kubectl create clusterrolebinding prometheus-kubelet-metrics --clusterrole=kubelet-metrics-reader --serviceaccount=monitoring:prometheus
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"fix":"authentication.webhook.enabled=true"}}'

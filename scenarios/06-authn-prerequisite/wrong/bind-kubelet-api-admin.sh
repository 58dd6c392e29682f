#!/usr/bin/env bash
# Mistake: the built-in kubelet role "because it is made for this".
set -euo pipefail
kubectl create clusterrolebinding prometheus-kubelet-metrics --clusterrole=system:kubelet-api-admin --serviceaccount=monitoring:prometheus
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"fix":"authentication.webhook.enabled=true"}}'

#!/usr/bin/env bash
# Mistake: the built-in kubelet API admin role grants every verb on every kubelet subresource.
set -euo pipefail
kubectl create clusterrolebinding prometheus-kubelet-admin --clusterrole=system:kubelet-api-admin --serviceaccount=monitoring:prometheus
if [ "$KUBE_VERSION" = "1.31" ]; then answer=yes; else answer=no; fi
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"exec-possible\":\"$answer\"}}"

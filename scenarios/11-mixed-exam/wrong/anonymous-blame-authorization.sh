#!/usr/bin/env bash
# Mistake: the grant is removed, but the kubelet fix is sought in authorization.
set -euo pipefail
kubectl delete clusterrolebinding kubelet-healthcheck
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"kubelet-fix":"authorization.mode=Webhook"}}'

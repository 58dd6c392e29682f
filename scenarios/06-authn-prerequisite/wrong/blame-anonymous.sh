#!/usr/bin/env bash
# Mistake: "the kubelet rejects us because anonymous is disabled".
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"status":"401","cause":"c","setting":"authentication.anonymous.enabled"}}'

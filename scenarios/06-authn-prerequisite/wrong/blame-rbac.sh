#!/usr/bin/env bash
# Mistake: reading "Unauthorized" as a missing permission.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"status":"401","cause":"a","setting":"authorization.mode"}}'

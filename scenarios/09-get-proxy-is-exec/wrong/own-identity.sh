#!/usr/bin/env bash
# Mistake: recording the identity that opened the stream instead of the token's owner.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"exec-possible":"yes","stolen-sub":"system:serviceaccount:monitoring:node-dashboard"}}'

#!/usr/bin/env bash
# Mistake: judging the role by its verbs and not trying the stream.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"exec-possible":"no","stolen-sub":"system:serviceaccount:payments:checkout"}}'

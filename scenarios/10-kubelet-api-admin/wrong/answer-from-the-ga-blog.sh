#!/usr/bin/env bash
# Mistake: copying the role's contents from the v1.36 GA announcement instead of reading the object.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge -p \
  '{"data":{"kubelet-subresources":"proxy stats metrics log spec checkpoint configz healthz pods","spec-and-checkpoint":"both"}}'

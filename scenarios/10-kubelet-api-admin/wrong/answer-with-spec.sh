#!/usr/bin/env bash
# Mistake: the pre-v1.27 contents (with nodes/spec), as older write-ups and fact sheets list them.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge -p \
  '{"data":{"kubelet-subresources":"log metrics proxy spec stats","spec-and-checkpoint":"spec"}}'

#!/usr/bin/env bash
# Mistake: "opt-in in v1.33" from a write-up, confirmed by the metric's 0 without reading /configz.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"gate-stage":"BETA","gate-default":"off","gate-now":"off"}}'

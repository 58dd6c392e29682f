#!/usr/bin/env bash
# Mistake: "opt-in in v1.33", taken from a write-up instead of the metric.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"gate-stage":"BETA","gate-enabled":"off","pods-checks":"proxy"}}'

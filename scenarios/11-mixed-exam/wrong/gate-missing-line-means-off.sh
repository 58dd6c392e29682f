#!/usr/bin/env bash
# Mistake: no metric line read as "the gate is off", as if the kubelet had one to switch on.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"gate-stage":"none","gate-enabled":"off","pods-checks":"proxy"}}'

#!/usr/bin/env bash
# Mistake: the empty stage label read as "no stage", i.e. the gate does not exist.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"gate-stage":"none","gate-default":"absent","gate-now":"on"}}'

#!/usr/bin/env bash
# Mistake: the empty stage label read as "no gate", so the old proxy-only mapping is assumed.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge \
  -p '{"data":{"gate-stage":"none","gate-enabled":"absent","pods-checks":"proxy"}}'

#!/usr/bin/env bash
# Mistake on 1.33: "the gate is opt-in in v1.33", so the pre-gate answers.
set -euo pipefail
kubectl -n kubelab create configmap mapping \
  --from-literal=pods=proxy --from-literal=runningpods=proxy \
  --from-literal=healthz=proxy --from-literal=configz=proxy \
  --from-literal=metrics=metrics --from-literal=stats=stats --from-literal=logs=log \
  --from-literal=containerLogs=proxy --from-literal=exec=proxy --from-literal=checkpoint=checkpoint \
  --from-literal=run-verb=create

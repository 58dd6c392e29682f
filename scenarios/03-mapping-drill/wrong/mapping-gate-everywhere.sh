#!/usr/bin/env bash
# Mistake on 1.31: the fine-grained mapping from the v1.36 docs, on a kubelet that has no gate.
set -euo pipefail
kubectl -n kubelab create configmap mapping \
  --from-literal=pods="pods proxy" --from-literal=runningpods="pods proxy" \
  --from-literal=healthz="healthz proxy" --from-literal=configz="configz proxy" \
  --from-literal=metrics=metrics --from-literal=stats=stats --from-literal=logs=log \
  --from-literal=containerLogs=proxy --from-literal=exec=proxy --from-literal=checkpoint=checkpoint \
  --from-literal=run-verb=create

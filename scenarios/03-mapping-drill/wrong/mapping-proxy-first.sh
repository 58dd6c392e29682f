#!/usr/bin/env bash
# Mistake on 1.36: the right subresources in the wrong order (the fallback first).
set -euo pipefail
kubectl -n kubelab create configmap mapping \
  --from-literal=pods="proxy pods" --from-literal=runningpods="proxy pods" \
  --from-literal=healthz="proxy healthz" --from-literal=configz="proxy configz" \
  --from-literal=metrics=metrics --from-literal=stats=stats --from-literal=logs=log \
  --from-literal=containerLogs=proxy --from-literal=exec=proxy --from-literal=checkpoint=checkpoint \
  --from-literal=run-verb=create

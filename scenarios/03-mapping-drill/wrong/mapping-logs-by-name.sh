#!/usr/bin/env bash
# Mistake: the log endpoints guessed from their names instead of read from the kubelet.
set -euo pipefail
if [ "$KUBE_VERSION" = "1.31" ]; then pods=proxy healthz=proxy configz=proxy
else pods="pods proxy" healthz="healthz proxy" configz="configz proxy"; fi
kubectl -n kubelab create configmap mapping \
  --from-literal=pods="$pods" --from-literal=runningpods="$pods" \
  --from-literal=healthz="$healthz" --from-literal=configz="$configz" \
  --from-literal=metrics=metrics --from-literal=stats=stats --from-literal=logs=logs \
  --from-literal=containerLogs=log --from-literal=exec=proxy --from-literal=checkpoint=checkpoint \
  --from-literal=run-verb=create

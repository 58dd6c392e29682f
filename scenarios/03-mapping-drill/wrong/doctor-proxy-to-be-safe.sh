#!/usr/bin/env bash
# Mistake on 1.33/1.36: the fine-grained role plus nodes/proxy "in case a path needs it".
set -euo pipefail
kubectl create clusterrole node-doctor --verb=get \
  --resource=nodes/healthz,nodes/pods,nodes/stats,nodes/metrics,nodes/proxy
kubectl create clusterrolebinding node-doctor --clusterrole=node-doctor --serviceaccount=drill:node-doctor

#!/usr/bin/env bash
# Mistake: a ready-made "full observability" role instead of the subresources the tool uses.
set -euo pipefail
kubectl create clusterrole node-doctor --verb=get \
  --resource=nodes/metrics,nodes/stats,nodes/log,nodes/pods,nodes/healthz,nodes/configz
kubectl create clusterrolebinding node-doctor --clusterrole=node-doctor --serviceaccount=drill:node-doctor

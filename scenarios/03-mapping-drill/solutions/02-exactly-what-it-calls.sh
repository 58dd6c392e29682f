#!/usr/bin/env bash
# The subresources the kubelet asks about for the tool's four paths on this version.
set -euo pipefail
if [ "$KUBE_VERSION" = "1.31" ]; then resources=nodes/proxy,nodes/stats,nodes/metrics
else resources=nodes/healthz,nodes/pods,nodes/stats,nodes/metrics; fi
kubectl create clusterrole node-doctor --verb=get --resource="$resources"
kubectl create clusterrolebinding node-doctor --clusterrole=node-doctor --serviceaccount=drill:node-doctor

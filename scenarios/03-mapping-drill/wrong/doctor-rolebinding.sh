#!/usr/bin/env bash
# Mistake: the right ClusterRole, bound with a RoleBinding in the tool's namespace.
set -euo pipefail
if [ "$KUBE_VERSION" = "1.31" ]; then resources=nodes/proxy,nodes/stats,nodes/metrics
else resources=nodes/healthz,nodes/pods,nodes/stats,nodes/metrics; fi
kubectl create clusterrole node-doctor --verb=get --resource="$resources"
kubectl create rolebinding node-doctor -n drill --clusterrole=node-doctor --serviceaccount=drill:node-doctor

#!/usr/bin/env bash
# Mistake: a ready-made observability role (plus proxy on 1.31, where the lists need it).
set -euo pipefail
resources=nodes/metrics,nodes/stats,nodes/log,nodes/pods,nodes/healthz,nodes/configz
if [ "$KUBE_VERSION" = "1.31" ]; then resources="$resources,nodes/proxy"; fi
kubectl create clusterrole kubelet-pod-inventory --verb=get --resource="$resources"
kubectl create clusterrolebinding pod-inventory --clusterrole=kubelet-pod-inventory --serviceaccount=inventory:pod-inventory

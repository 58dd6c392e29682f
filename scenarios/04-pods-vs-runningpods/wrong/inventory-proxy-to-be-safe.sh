#!/usr/bin/env bash
# Mistake on 1.33/1.36: nodes/proxy next to nodes/pods, "in case the fallback is needed".
set -euo pipefail
kubectl create clusterrole kubelet-pod-inventory --verb=get --resource=nodes/pods,nodes/proxy
kubectl create clusterrolebinding pod-inventory --clusterrole=kubelet-pod-inventory --serviceaccount=inventory:pod-inventory

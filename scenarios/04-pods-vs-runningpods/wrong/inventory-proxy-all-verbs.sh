#!/usr/bin/env bash
# Mistake on 1.31: nodes/proxy is needed, but with every verb instead of get.
set -euo pipefail
kubectl create clusterrole kubelet-pod-inventory --verb='*' --resource=nodes/proxy
kubectl create clusterrolebinding pod-inventory --clusterrole=kubelet-pod-inventory --serviceaccount=inventory:pod-inventory

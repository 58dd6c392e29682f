#!/usr/bin/env bash
# Mistake on 1.31: the fine-grained grant, which this kubelet never asks about.
set -euo pipefail
kubectl create clusterrole kubelet-pod-inventory --verb=get --resource=nodes/pods
kubectl create clusterrolebinding pod-inventory --clusterrole=kubelet-pod-inventory --serviceaccount=inventory:pod-inventory

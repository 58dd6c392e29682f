#!/usr/bin/env bash
# Mistake on 1.31: the fine-grained role, on a kubelet that never asks about healthz or pods.
set -euo pipefail
kubectl create clusterrole node-doctor --verb=get --resource=nodes/healthz,nodes/pods,nodes/stats,nodes/metrics
kubectl create clusterrolebinding node-doctor --clusterrole=node-doctor --serviceaccount=drill:node-doctor

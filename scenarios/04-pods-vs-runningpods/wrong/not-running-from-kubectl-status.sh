#!/usr/bin/env bash
# Mistake: asking kubectl instead of the kubelet, and taking the pod whose STATUS reads Pending.
set -euo pipefail
name=$(kubectl get pods -A --no-headers | awk '$4 == "Pending" { print $2; exit }')
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"not-running\":\"$name\",\"runtime-view\":\"b\"}}"

#!/usr/bin/env bash
# Mistake: nodes/proxy instead of nodes/metrics, on the belief that proxy covers every kubelet path.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"spec-status":"404","spec-asked":"none","runningPods-status":"404","runningpods-noslash-status":"301"}}'
kubectl create clusterrole legacy-agent --verb=get --resource=nodes/stats,nodes/proxy --dry-run=client -o yaml | kubectl apply -f -

#!/usr/bin/env bash
# Mistake: nodes/metrics added, the dead nodes/spec rule left in place "in case".
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"spec-status":"404","spec-asked":"none","runningPods-status":"404","runningpods-noslash-status":"301"}}'
kubectl create clusterrole legacy-agent --verb=get --resource=nodes/spec,nodes/stats,nodes/metrics --dry-run=client -o yaml | kubectl apply -f -

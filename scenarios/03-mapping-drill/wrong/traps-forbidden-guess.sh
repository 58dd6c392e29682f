#!/usr/bin/env bash
# Mistake: answering from the article's table ("/spec/ is nodes/spec, so 403 without it") instead
# of from the kubelet; the role repair itself is right.
set -euo pipefail
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"spec-status":"403","spec-asked":"spec","runningPods-status":"404","runningpods-noslash-status":"301"}}'
kubectl create clusterrole legacy-agent --verb=get --resource=nodes/stats,nodes/metrics --dry-run=client -o yaml | kubectl apply -f -

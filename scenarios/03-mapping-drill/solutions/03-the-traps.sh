#!/usr/bin/env bash
# Read the three traps off the kubelet, then swap the dead nodes/spec rule for nodes/metrics.
set -euo pipefail
TOKEN=$(kubectl create token legacy-agent -n drill)
status() { curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT$1"; }
spec=$(status /spec/) capital=$(status /runningPods/) noslash=$(status /runningpods)
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"spec-status\":\"$spec\",\"spec-asked\":\"none\",\"runningPods-status\":\"$capital\",\"runningpods-noslash-status\":\"$noslash\"}}"
kubectl create clusterrole legacy-agent --verb=get --resource=nodes/stats,nodes/metrics --dry-run=client -o yaml | kubectl apply -f -

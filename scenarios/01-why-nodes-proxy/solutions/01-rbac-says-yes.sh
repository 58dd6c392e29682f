#!/usr/bin/env bash
# Read the kubelet's answer and record what it shows.
set -euo pipefail
TOKEN=$(kubectl create token prometheus -n monitoring)
status=$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT/pods")
if [ "$KUBE_VERSION" = "1.31" ]; then checks="proxy"; else checks="pods proxy"; fi
kubectl -n kubelab patch configmap answers --type merge \
  -p "{\"data\":{\"pods-status\":\"$status\",\"kubelet-checks\":\"$checks\"}}"

#!/usr/bin/env bash
# Ask the kubelet, then pick the fix that matches what step 1 found.
set -euo pipefail
TOKEN=$(kubectl create token pod-lister -n monitoring)
status=$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT/pods")
case "$(kubectl -n kubelab get configmap answers -o jsonpath='{.data.gate-now}')" in
  absent) fix=a ;;
  off) fix=b ;;
  *) fix=c ;;
esac
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"pods-status\":\"$status\",\"pods-fix\":\"$fix\"}}"

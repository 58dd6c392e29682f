#!/usr/bin/env bash
# Compare the status with a token, read the authentication section of the running configuration.
set -euo pipefail
TOKEN=$(kubectl create token kubelet-admin -n kubelab)
status=$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT/metrics")
webhook=$(kubectl get --raw "/api/v1/nodes/$NODE_NAME/proxy/configz" | jq -r .kubeletconfig.authentication.webhook.enabled)
[ "$webhook" = false ] || { echo "expected webhook authentication off, got $webhook" >&2; exit 1; }
kubectl -n kubelab patch configmap answers --type merge \
  -p "{\"data\":{\"status\":\"$status\",\"cause\":\"b\",\"setting\":\"authentication.webhook.enabled\"}}"

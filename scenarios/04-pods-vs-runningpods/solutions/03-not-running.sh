#!/usr/bin/env bash
# With pod-inventory's token: the pods in /pods (told to run, not being deleted) whose sandbox in
# /runningpods/ has no running container.
set -euo pipefail
TOKEN=$(kubectl create token pod-inventory -n inventory)
kubelet() { curl -sk -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT$1"; }
idle=$(kubelet /runningpods/ | jq -c '[.items[] | select((.spec.containers // []) | length == 0) | .metadata.uid]')
name=$(kubelet /pods | jq -r --argjson idle "$idle" \
  '.items[] | select(.metadata.deletionTimestamp == null) | select(.metadata.uid as $u | $idle | index($u)) | .metadata.name')
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"not-running\":\"$name\",\"runtime-view\":\"b\"}}"

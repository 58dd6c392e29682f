#!/usr/bin/env bash
# Mistake: matching the UIDs kubectl shows for this node's pods against /runningpods/; a static
# pod's mirror has another UID than the pod the runtime runs, so it looks "not running".
set -euo pipefail
TOKEN=$(kubectl create token pod-inventory -n inventory)
kubelet() { curl -sk -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT$1"; }
running=$(kubelet /runningpods/ | jq -c '[.items[].metadata.uid]')
name=$(kubectl get pods -A --field-selector "spec.nodeName=$NODE_NAME" -o json |
  jq -r --argjson running "$running" '[.items[] | select(.metadata.uid as $u | $running | index($u) | not)][0].metadata.name')
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"not-running\":\"$name\",\"runtime-view\":\"b\"}}"

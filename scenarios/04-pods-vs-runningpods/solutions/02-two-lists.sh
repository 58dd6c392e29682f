#!/usr/bin/env bash
# Count the static pods and compare the UIDs from the kubelet's lists; the rest follows from
# where each list comes from.
set -euo pipefail
TOKEN=$(kubectl create token pod-inventory -n inventory)
kubelet() { curl -sk -H "Authorization: Bearer $TOKEN" "https://$NODE_IP:$KUBELET_PORT$1"; }
static=$(kubelet /pods | jq '[.items[] | select(.metadata.annotations["kubernetes.io/config.source"] == "file")] | length')
etcd="etcd-$NODE_NAME"
api_uid=$(kubectl -n kube-system get pod "$etcd" -o jsonpath='{.metadata.uid}')
pods_uid=$(kubelet /pods | jq -r --arg n "$etcd" '.items[] | select(.metadata.name == $n) | .metadata.uid')
runtime_uid=$(kubelet /runningpods/ | jq -r --arg n "$etcd" '.items[] | select(.metadata.name == $n) | .metadata.uid')
case "$runtime_uid" in
  "$api_uid") uid=a ;;
  "$pods_uid") uid=b ;;
  *) uid=c ;;
esac
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{
  \"static-pods\":\"$static\",\"runtime-uid\":\"$uid\",
  \"completed\":\"a\",\"inventory-endpoint\":\"/pods\"}}"

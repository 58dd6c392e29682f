#!/usr/bin/env bash
# Mistake: the article's string filter, taken at its word; wildcard grants go unseen.
set -euo pipefail
names=$(kubectl get clusterroles -o json | jq -c '[.items[] | select(.rules[]?.resources[]? == "nodes/proxy") | .metadata.name] | unique')
found=$(kubectl get clusterrolebindings -o json | jq -r --argjson names "$names" '
  .items[] | select(.roleRef.kind == "ClusterRole" and (.roleRef.name | IN($names[]))) | .subjects[]? |
  if .kind == "ServiceAccount" then "ServiceAccount:\(.namespace)/\(.name)" else "\(.kind):\(.name)" end' \
  | grep -v '^User:kube-apiserver-kubelet-client$' | sort -u | tr '\n' ' ')
kubectl -n kubelab patch configmap answers --type merge -p "$(jq -n --arg s "$found" \
  '{data: {"proxy-subjects": $s, "control-plane-serviceaccounts": "generic-garbage-collector namespace-controller", "dashboard-can-proxy": "no"}}')"

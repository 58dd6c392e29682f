#!/usr/bin/env bash
set -euo pipefail
subjects=$(kubectl get clusterrolebindings -o json | jq -r '[.items[]
  | select(.roleRef.name == "system:kubelet-api-admin") | .subjects[]?
  | if .kind == "ServiceAccount" then "ServiceAccount:\(.namespace)/\(.name)" else "\(.kind):\(.name)" end] | join(" ")')
# v1.33.12+/v1.36.1+: a binding names the API server's kubelet client; v1.31.14: its certificate's
# group kubeadm:cluster-admins does, through the binding of the same name.
binding=$(kubectl get clusterrolebindings -o json | jq -r '[.items[]
  | select(any(.subjects[]?; .kind == "User" and .name == "kube-apiserver-kubelet-client")) | .metadata.name][0] // "kubeadm:cluster-admins"')
kubectl -n kubelab patch configmap answers --type merge -p "$(jq -n --arg s "$subjects" --arg b "$binding" \
  '{data: {"bound-subjects": $s, "apiserver-binding": $b}}')"

#!/usr/bin/env bash
# The jq form of the audit: match rules as RBAC does (wildcards included), follow
# ClusterRoleBindings only (a RoleBinding never grants nodes), leave out the control plane.
set -euo pipefail
roles=$(kubectl get clusterroles -o json | jq -c '[.items[] | select(any(.rules[]?;
    any(.apiGroups[]?; . == "" or . == "*") and
    any(.resources[]?; . == "nodes/proxy" or . == "*/proxy" or . == "*") and
    any(.verbs[]?; . == "get" or . == "*"))) | .metadata.name]')
subjects=$(kubectl get clusterrolebindings -o json | jq -r --argjson roles "$roles" '
  .items[] | select(.roleRef.name | IN($roles[])) | .subjects[]? |
  if .kind == "ServiceAccount" then "ServiceAccount:\(.namespace)/\(.name)" else "\(.kind):\(.name)" end' | sort -u)
control_plane='^(Group:system:masters|Group:kubeadm:cluster-admins|User:kube-apiserver-kubelet-client|ServiceAccount:kube-system/.*)$'
mine=$(grep -Ev "$control_plane" <<<"$subjects" | tr '\n' ' ')
builtin=$(grep -E '^ServiceAccount:kube-system/' <<<"$subjects" | sed 's|.*/||' | tr '\n' ' ')
kubectl -n kubelab patch configmap answers --type merge -p "$(jq -n --arg s "$mine" --arg b "$builtin" \
  '{data: {"proxy-subjects": $s, "control-plane-serviceaccounts": $b, "dashboard-can-proxy": "no"}}')"

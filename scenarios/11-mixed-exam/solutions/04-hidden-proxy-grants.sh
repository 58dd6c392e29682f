#!/usr/bin/env bash
# Ask the authorizer about every bound ServiceAccount, then rewrite the roles of the ones found.
set -euo pipefail
found=$(kubectl get clusterrolebindings -o json \
  | jq -r '.items[].subjects[]? | select(.kind == "ServiceAccount" and .namespace != "kube-system") | "\(.namespace):\(.name)"' \
  | sort -u | while IFS= read -r sa; do
    kubectl auth can-i get nodes --subresource=proxy -A --as="system:serviceaccount:$sa" >/dev/null 2>&1 && echo "$sa"
  done | tr '\n' ' ')
[ "$found" = "ci:release-bot logging:log-shipper ops:node-debugger " ] || { echo "unexpected proxy holders: $found" >&2; exit 1; }
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: release-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: log-shipper
rules:
- apiGroups: [""]
  resources: ["nodes/log"]
  verbs: ["get"]
YAML

#!/usr/bin/env bash
# Mistake: "nodes/*" instead of naming the subresources.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-dashboard-readonly
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["nodes/*"]
  verbs: ["get"]
YAML

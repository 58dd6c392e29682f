#!/usr/bin/env bash
# Replace nodes/proxy with the fine-grained subresources the dashboard's paths map to.
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
  resources: ["nodes/pods", "nodes/healthz", "nodes/metrics", "nodes/stats"]
  verbs: ["get"]
YAML

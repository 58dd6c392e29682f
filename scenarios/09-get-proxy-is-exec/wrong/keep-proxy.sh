#!/usr/bin/env bash
# Mistake: fine-grained subresources added, nodes/proxy kept "for compatibility".
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
  resources: ["nodes/proxy", "nodes/pods", "nodes/healthz", "nodes/metrics", "nodes/stats"]
  verbs: ["get"]
YAML

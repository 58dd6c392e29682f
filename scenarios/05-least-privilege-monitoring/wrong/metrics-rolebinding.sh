#!/usr/bin/env bash
# Mistake: a RoleBinding in monitoring; it can never grant cluster-scoped nodes.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-metrics-reader
rules:
- apiGroups: [""]
  resources: ["nodes/metrics", "nodes/stats", "nodes/log"]
  verbs: ["get"]
YAML
kubectl create rolebinding prometheus-kubelet-metrics -n monitoring \
  --clusterrole=kubelet-metrics-reader --serviceaccount=monitoring:prometheus

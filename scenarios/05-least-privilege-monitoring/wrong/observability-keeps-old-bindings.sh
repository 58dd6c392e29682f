#!/usr/bin/env bash
# Mistake: the new binding is added, the old ones are left in place.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-observability
rules:
- apiGroups: [""]
  resources: ["nodes/metrics", "nodes/stats", "nodes/log", "nodes/pods", "nodes/healthz", "nodes/configz"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding prometheus-kubelet-observability \
  --clusterrole=kubelet-observability --serviceaccount=monitoring:prometheus

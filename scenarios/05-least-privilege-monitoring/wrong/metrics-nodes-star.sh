#!/usr/bin/env bash
# Mistake: "nodes/*" is read as a wildcard, but RBAC matches it literally.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-metrics-reader
rules:
- apiGroups: [""]
  resources: ["nodes/*"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding prometheus-kubelet-metrics \
  --clusterrole=kubelet-metrics-reader --serviceaccount=monitoring:prometheus

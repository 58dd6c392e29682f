#!/usr/bin/env bash
# Mistake: a "read-only" copy of system:kubelet-api-admin: the same subresources, verb get only.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-exporter
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["nodes/metrics", "nodes/stats", "nodes/pods", "nodes/proxy"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding kubelet-exporter --clusterrole=kubelet-exporter --serviceaccount=monitoring:kubelet-exporter
kubectl delete clusterrolebinding kubelet-exporter-kubelet-api-admin

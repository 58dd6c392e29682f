#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-pod-reader
rules:
- apiGroups: [""]
  resources: ["nodes/pods"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding prometheus-kubelet-pods \
  --clusterrole=kubelet-pod-reader --serviceaccount=monitoring:prometheus

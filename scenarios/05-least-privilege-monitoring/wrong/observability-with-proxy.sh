#!/usr/bin/env bash
# Mistake: adding nodes/proxy so that /healthz and /configz work on older kubelets too.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-observability
rules:
- apiGroups: [""]
  resources: ["nodes/metrics", "nodes/stats", "nodes/log", "nodes/pods", "nodes/healthz", "nodes/configz", "nodes/proxy"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding prometheus-kubelet-observability \
  --clusterrole=kubelet-observability --serviceaccount=monitoring:prometheus
kubectl delete clusterrolebinding prometheus-kubelet-metrics prometheus-kubelet-pods

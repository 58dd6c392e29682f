#!/usr/bin/env bash
# Mistake: "nodes/*" is not a wildcard in RBAC. It matches a subresource literally named "*".
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-everything
rules:
- apiGroups: [""]
  resources: ["nodes/*"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding prometheus-kubelet-everything --clusterrole=kubelet-everything --serviceaccount=monitoring:prometheus
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"exec-possible":"yes"}}'

#!/usr/bin/env bash
# Mistake: a RoleBinding only grants inside its namespace; nodes are in none.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-proxy-reader
rules:
- apiGroups: [""]
  resources: ["nodes/proxy"]
  verbs: ["get"]
YAML
kubectl create rolebinding prometheus-kubelet-proxy -n monitoring --clusterrole=kubelet-proxy-reader --serviceaccount=monitoring:prometheus
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"exec-possible":"yes"}}'

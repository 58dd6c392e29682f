#!/usr/bin/env bash
# Mistake on 1.33: adding nodes/proxy although nodes/pods already suffices.
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
kubectl create clusterrolebinding prometheus-kubelet-proxy --clusterrole=kubelet-proxy-reader --serviceaccount=monitoring:prometheus
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"exec-possible":"no"}}'

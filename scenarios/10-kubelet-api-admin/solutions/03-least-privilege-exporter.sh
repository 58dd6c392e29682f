#!/usr/bin/env bash
set -euo pipefail
# v1.31: the kubelet's /pods needs nodes/proxy, so the pod list comes from the API server instead.
pods_from_api=''
if [ "$KUBE_VERSION" = "1.31" ]; then
  pods_from_api='
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]'
fi
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-exporter
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["nodes/metrics", "nodes/stats", "nodes/pods"]
  verbs: ["get"]$pods_from_api
YAML
kubectl create clusterrolebinding kubelet-exporter --clusterrole=kubelet-exporter --serviceaccount=monitoring:kubelet-exporter
kubectl delete clusterrolebinding kubelet-exporter-kubelet-api-admin

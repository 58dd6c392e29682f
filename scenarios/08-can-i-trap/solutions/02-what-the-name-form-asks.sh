#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-named-proxy
rules:
- apiGroups: [""]
  resources: ["nodes"]
  resourceNames: ["proxy"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding trap-demo-node-named-proxy --clusterrole=node-named-proxy --serviceaccount=monitoring:trap-demo
answer=$(kubectl auth can-i get nodes/proxy --as=system:serviceaccount:monitoring:trap-demo 2>/dev/null || true)
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"trap-demo-name-form\":\"$answer\",\"asked-about\":\"b\"}}"

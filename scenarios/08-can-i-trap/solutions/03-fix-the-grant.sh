#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-agent
rules:
- apiGroups: [""]
  resources: ["nodes/healthz", "nodes/pods"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding node-agent --clusterrole=node-agent --serviceaccount=monitoring:node-agent
kubectl delete clusterrolebinding node-agent-legacy
kubectl delete clusterrole node-agent-legacy

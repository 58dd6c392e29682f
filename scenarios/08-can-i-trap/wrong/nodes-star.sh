#!/usr/bin/env bash
# Mistake: "nodes/*" to cover healthz and pods; RBAC reads it literally.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-agent
rules:
- apiGroups: [""]
  resources: ["nodes/*"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding node-agent --clusterrole=node-agent --serviceaccount=monitoring:node-agent
kubectl delete clusterrolebinding node-agent-legacy

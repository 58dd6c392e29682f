#!/usr/bin/env bash
# Mistake: the fine-grained grants are added, the legacy proxy grant stays.
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

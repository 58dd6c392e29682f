#!/usr/bin/env bash
# Mistake: both holders found, but the release bot's new rule puts Deployments in the core group.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: release-reader
rules:
- apiGroups: [""]
  resources: ["pods", "deployments"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: log-shipper
rules:
- apiGroups: [""]
  resources: ["nodes/log"]
  verbs: ["get"]
YAML

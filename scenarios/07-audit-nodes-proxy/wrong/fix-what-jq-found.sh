#!/usr/bin/env bash
# Mistake: only the role the string filter found is rewritten; the "*" and "*/proxy" roles stay.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: prometheus-kubelet
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["nodes/metrics", "nodes/pods"]
  verbs: ["get"]
YAML

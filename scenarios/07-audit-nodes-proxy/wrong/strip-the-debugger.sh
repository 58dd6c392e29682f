#!/usr/bin/env bash
# Mistake: everything right, and the debugger is moved to fine-grained subresources as well.
set -euo pipefail
bash "$SCENARIO_DIR/solutions/03-ci-oncall-and-the-exec-tool.sh"
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-debugger
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["nodes/pods", "nodes/log", "nodes/healthz"]
  verbs: ["get"]
YAML

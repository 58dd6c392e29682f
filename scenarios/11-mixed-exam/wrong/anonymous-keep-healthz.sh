#!/usr/bin/env bash
# Mistake: the load balancer's probe is kept working with nodes/healthz instead of nodes/proxy.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-healthcheck
rules:
- apiGroups: [""]
  resources: ["nodes/healthz"]
  verbs: ["get"]
YAML
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"kubelet-fix":"authentication.anonymous.enabled=false"}}'

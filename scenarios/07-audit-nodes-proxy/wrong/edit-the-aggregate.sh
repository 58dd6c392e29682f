#!/usr/bin/env bash
# Mistake: the CI bot is fixed, but on-call's nodes/proxy is removed from the aggregated role
# itself, whose rules the aggregation controller owns.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: deploy-bot-kubelet
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["nodes/pods", "nodes/stats"]
  verbs: ["get"]
YAML
kubectl create clusterrolebinding deploy-bot-kubelet --clusterrole=deploy-bot-kubelet --serviceaccount=ci:deploy-bot
kubectl delete clusterrolebinding deploy-bot-cluster-reader
kubectl patch clusterrole node-troubleshooter --type=json -p '[{"op": "replace", "path": "/rules", "value": [
  {"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list", "watch"]},
  {"apiGroups": [""], "resources": ["nodes/log", "nodes/pods"], "verbs": ["get"]}]}]'

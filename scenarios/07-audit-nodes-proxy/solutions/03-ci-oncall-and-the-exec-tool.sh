#!/usr/bin/env bash
set -euo pipefail
# The CI bot: a role for its smoke test instead of the cluster-wide reader.
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
kubectl delete clusterrole ci-cluster-reader
# On-call: fix the labelled piece; the controller rewrites the aggregate from it.
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-troubleshooter-kubelet
  labels:
    kubelab.io/aggregate-to-node-troubleshooter: "true"
rules:
- apiGroups: [""]
  resources: ["nodes/log", "nodes/pods"]
  verbs: ["get"]
YAML

#!/usr/bin/env bash
# On 1.31 the kubelet checks nodes/proxy only, so grant get on it (and nothing else).
# On 1.33 the pod reader role already works: grant nothing.
set -euo pipefail
if [ "$KUBE_VERSION" = "1.31" ]; then
  kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-proxy-reader
rules:
- apiGroups: [""]
  resources: ["nodes/proxy"]
  verbs: ["get"]
YAML
  kubectl create clusterrolebinding prometheus-kubelet-proxy \
    --clusterrole=kubelet-proxy-reader --serviceaccount=monitoring:prometheus
  answer=yes
else
  answer=no
fi
kubectl -n kubelab patch configmap answers --type merge -p "{\"data\":{\"exec-possible\":\"$answer\"}}"

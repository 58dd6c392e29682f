#!/usr/bin/env bash
# The grant to system:unauthenticated goes; anonymous authentication goes off (recorded).
set -euo pipefail
kubectl get --raw "/api/v1/nodes/$NODE_NAME/proxy/configz" | jq -e '.kubeletconfig.authentication.anonymous.enabled == true' >/dev/null
kubectl delete clusterrolebinding kubelet-healthcheck
kubectl delete clusterrole kubelet-healthcheck
kubectl -n kubelab patch configmap answers --type merge -p '{"data":{"kubelet-fix":"authentication.anonymous.enabled=false"}}'

#!/usr/bin/env bash
# nodes/metrics everywhere; nodes/pods only where the kubelet asks about it (task 1's answer).
set -euo pipefail
resources=nodes/metrics
[ "$(kubectl -n kubelab get configmap answers -o jsonpath='{.data.gate-enabled}')" = on ] && resources=$resources,nodes/pods
kubectl create clusterrole vmagent-kubelet --verb=get --resource=$resources
kubectl create clusterrolebinding vmagent-kubelet --clusterrole=vmagent-kubelet --serviceaccount=monitoring:vmagent

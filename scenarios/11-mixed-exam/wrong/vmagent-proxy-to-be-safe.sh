#!/usr/bin/env bash
# Mistake: nodes/proxy added "to be safe", so /pods answers on every version.
set -euo pipefail
kubectl create clusterrole vmagent-kubelet --verb=get --resource=nodes/metrics,nodes/pods,nodes/proxy
kubectl create clusterrolebinding vmagent-kubelet --clusterrole=vmagent-kubelet --serviceaccount=monitoring:vmagent

#!/usr/bin/env bash
# Mistake: nodes/proxy added in case the kubelet falls back to it.
set -euo pipefail
kubectl create clusterrole kubelet-configz-reader --verb=get --resource=nodes/configz,nodes/proxy
kubectl create clusterrolebinding config-auditor-configz --clusterrole=kubelet-configz-reader --serviceaccount=monitoring:config-auditor

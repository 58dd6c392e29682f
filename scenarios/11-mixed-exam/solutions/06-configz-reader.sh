#!/usr/bin/env bash
set -euo pipefail
kubectl create clusterrole kubelet-configz-reader --verb=get --resource=nodes/configz
kubectl create clusterrolebinding config-auditor-configz --clusterrole=kubelet-configz-reader --serviceaccount=monitoring:config-auditor

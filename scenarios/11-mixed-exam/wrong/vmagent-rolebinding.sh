#!/usr/bin/env bash
# Mistake: the right role, bound with a RoleBinding in vmagent's namespace.
set -euo pipefail
kubectl create clusterrole vmagent-kubelet --verb=get --resource=nodes/metrics,nodes/pods
kubectl -n monitoring create rolebinding vmagent-kubelet --clusterrole=vmagent-kubelet --serviceaccount=monitoring:vmagent

#!/usr/bin/env bash
# Mistake: "nodes/*" to mean "every node subresource".
set -euo pipefail
kubectl create clusterrole vmagent-kubelet --verb=get --resource='nodes/*'
kubectl create clusterrolebinding vmagent-kubelet --clusterrole=vmagent-kubelet --serviceaccount=monitoring:vmagent

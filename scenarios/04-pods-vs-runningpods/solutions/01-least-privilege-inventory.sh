#!/usr/bin/env bash
# The first subresource the kubelet asks about for /pods and /runningpods/ on this version.
set -euo pipefail
if [ "$KUBE_VERSION" = "1.31" ]; then subresource=proxy; else subresource=pods; fi
kubectl create clusterrole kubelet-pod-inventory --verb=get --resource="nodes/$subresource"
kubectl create clusterrolebinding pod-inventory --clusterrole=kubelet-pod-inventory --serviceaccount=inventory:pod-inventory

#!/usr/bin/env bash
# Mistake: the right ClusterRole, bound with a RoleBinding in the inventory namespace.
set -euo pipefail
if [ "$KUBE_VERSION" = "1.31" ]; then subresource=proxy; else subresource=pods; fi
kubectl create clusterrole kubelet-pod-inventory --verb=get --resource="nodes/$subresource"
kubectl create rolebinding pod-inventory -n inventory --clusterrole=kubelet-pod-inventory --serviceaccount=inventory:pod-inventory
